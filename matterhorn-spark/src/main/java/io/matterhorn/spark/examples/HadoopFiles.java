package io.matterhorn.spark.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * File access of the Spark examples through Hadoop's file systems, with Spark's convention for names: a path with
 * a scheme ({@code hdfs://...}, {@code file:///...}, {@code s3a://...}) names that file system; a bare path is
 * resolved against the default file system of the Hadoop configuration found on the class path
 * ({@code fs.defaultFS}: HDFS on a YARN cluster, the local disk otherwise). The configuration is Hadoop's
 * default one ({@code core-site.xml} from the class path); {@code spark.hadoop.*} settings are not applied.
 *
 * <p>Stateless and thread-safe.
 */
final class HadoopFiles {
    private HadoopFiles() {
    }

    static FileSystem fileSystem(Path p) throws IOException {
        return p.getFileSystem(new Configuration());
    }

    /**
     * @param name a path or URI
     * @return the whole file
     * @throws IOException when it cannot be read
     */
    static byte[] read(String name) throws IOException {
        Path p = new Path(name);
        try (InputStream in = fileSystem(p).open(p)) {
            return in.readAllBytes();
        }
    }

    /**
     * Writes a whole file, replacing an existing one.
     *
     * @param name a path or URI
     * @param bytes the contents
     * @throws IOException when it cannot be written
     */
    static void write(String name, byte[] bytes) throws IOException {
        Path p = new Path(name);
        try (OutputStream out = fileSystem(p).create(p, true)) {
            out.write(bytes);
        }
    }
}
