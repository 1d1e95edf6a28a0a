package io.matterhorn.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Training samples spread over {@code P} partitions for {@link SparkTrainer}: sample {@code i} (its position in the
 * source RDD) lives in partition {@code i mod P}, so every global batch {@code [s B, (s + 1) B)} is shared almost
 * evenly by all partitions. Each partition is held as one {@link Shard} and cached in memory.
 *
 * <p>The sample order is fixed: shuffle the source RDD (or order the {@link SampleSource}) before sharding if the
 * data are sorted by class. {@link #read} reads the samples on the executors; {@link #of} shards an RDD, which
 * Spark itself reads on the executors when it comes from files or a DataFrame
 * ({@code df.javaRDD().map(row -> new LabeledSample(...))}), but not when it comes from {@code parallelize}, which
 * ships every sample from the driver.
 *
 * <p>Thread-safe after construction.
 */
public final class ShardedData implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient JavaRDD<Shard> shards;
    /** number of samples. */
    private final long size;
    /** number of partitions. */
    private final int partitions;

    private ShardedData(JavaRDD<Shard> shards, long size, int partitions) {
        this.shards = shards;
        this.size = size;
        this.partitions = partitions;
    }

    /**
     * Shards and caches the samples (runs one Spark job).
     *
     * @param samples the training samples, in their epoch order
     * @param partitions number of partitions P, >= 1
     * @return the sharded data
     */
    public static ShardedData of(JavaRDD<LabeledSample> samples, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        JavaRDD<Shard> shards = samples.zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .partitionBy(new ModuloPartitioner(partitions))
                .mapPartitions(ShardedData::toShard, true)
                .persist(StorageLevel.MEMORY_ONLY());
        long size = ExecutorWatchdog.run(JavaSparkContext.fromSparkContext(samples.context()),
                "matterhorn sharding", () -> shards.map(Shard::size).reduce(Long::sum));
        return new ShardedData(shards, size, partitions);
    }

    /**
     * Shards samples that the executors read themselves: partition {@code p} opens the source on its executor and
     * reads positions {@code p, p + P, p + 2P, ...}, so nothing but the source object travels from the driver.
     * The shards are cached in memory; a lost one is read again from the source. Runs one Spark job (which reads
     * and caches every shard and counts the samples).
     *
     * @param sc the Spark context
     * @param source the samples, in their epoch order
     * @param partitions number of partitions P, >= 1
     * @return the sharded data
     */
    public static ShardedData read(JavaSparkContext sc, SampleSource source, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        List<Integer> ids = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        int count = partitions;
        // P elements in P slices: element p is alone in partition p
        JavaRDD<Shard> shards = sc.parallelize(ids, partitions)
                .mapPartitions(it -> readShard(source, it, count), true)
                .persist(StorageLevel.MEMORY_ONLY());
        long size = ExecutorWatchdog.run(sc, "matterhorn reading training data",
                () -> shards.map(Shard::size).reduce(Long::sum));
        if (size == 0) {
            shards.unpersist(false);
            throw new IllegalArgumentException("the sample source is empty");
        }
        return new ShardedData(shards, size, partitions);
    }

    private static Iterator<Shard> readShard(SampleSource source, Iterator<Integer> partition, int partitions)
            throws IOException {
        if (!partition.hasNext()) {
            return List.<Shard>of().iterator();
        }
        int p = partition.next();
        try (SampleSource.Reader reader = source.open()) {
            long n = reader.size();
            int count = (int) Math.max(0, (n - p + partitions - 1) / partitions);
            long[] index = new long[count];
            LabeledSample[] samples = new LabeledSample[count];
            for (int k = 0; k < count; k++) {
                index[k] = p + (long) k * partitions;
                samples[k] = reader.read(index[k]);
                if (samples[k] == null) {
                    throw new IllegalStateException("the sample source returned null at position " + index[k]);
                }
            }
            return List.of(new Shard(index, samples)).iterator();
        }
    }

    private static Iterator<Shard> toShard(Iterator<Tuple2<Long, LabeledSample>> it) {
        List<Tuple2<Long, LabeledSample>> rows = new ArrayList<>();
        it.forEachRemaining(rows::add);
        rows.sort((a, b) -> Long.compare(a._1(), b._1()));
        long[] index = new long[rows.size()];
        LabeledSample[] samples = new LabeledSample[rows.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = rows.get(i)._1();
            samples[i] = rows.get(i)._2();
        }
        return List.of(new Shard(index, samples)).iterator();
    }

    /** @return the cached shards, one per partition */
    JavaRDD<Shard> shards() {
        return shards;
    }

    /** @return number of samples */
    public long size() {
        return size;
    }

    /** @return number of partitions */
    public int partitions() {
        return partitions;
    }

    /** Drops the cached shards. */
    public void unpersist() {
        shards.unpersist(false);
    }

    /**
     * One partition's samples with their global positions, ascending.
     *
     * @param index global positions
     * @param samples the samples
     */
    record Shard(long[] index, LabeledSample[] samples) implements Serializable {
        long size() {
            return index.length;
        }

        /** @return the samples whose global position is in [from, to) */
        List<LabeledSample> range(long from, long to) {
            int lo = lowerBound(from);
            int hi = lowerBound(to);
            List<LabeledSample> out = new ArrayList<>(Math.max(0, hi - lo));
            for (int i = lo; i < hi; i++) {
                out.add(samples[i]);
            }
            return out;
        }

        /** @return the global positions of {@link #range(long, long)}'s samples */
        long[] positions(long from, long to) {
            return java.util.Arrays.copyOfRange(index, lowerBound(from), lowerBound(to));
        }

        private int lowerBound(long key) {
            int lo = 0;
            int hi = index.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (index[mid] < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Puts key {@code i} into partition {@code i mod P}. */
    static final class ModuloPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        ModuloPartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.floorMod((Long) key, (long) partitions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ModuloPartitioner m && m.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }
}
