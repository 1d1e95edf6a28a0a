package io.matterhorn.spark;

import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockManagerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails Spark work clearly when no executor is left, instead of waiting forever: Spark keeps the tasks of a job
 * pending, without a message, while the cluster has no executor for the application (every worker lost, or none
 * granted). While {@link #run} runs its work, a watchdog thread counts the live executors once a second
 * ({@link #liveExecutors}); when it has seen none for the timeout, it cancels the work's jobs and {@code run}
 * throws {@link NoExecutorException}.
 *
 * <p>The timeout is the Spark setting {@value #TIMEOUT_KEY} (a Spark time string, default {@value #DEFAULT_TIMEOUT};
 * 0 switches the watchdog off), e.g. {@code spark-submit --conf spark.matterhorn.noExecutorTimeout=60s}. In local
 * mode the driver runs the tasks itself and the watchdog is off.
 *
 * <p>{@link SparkTrainer} and {@link ShardedData} run their jobs under it; wrap the actions of your own scoring
 * jobs ({@code write()}, {@code count()}) the same way. Thread-safe; each call watches the jobs started by its own
 * thread (a job group, restored afterwards).
 */
public final class ExecutorWatchdog {
    /** Spark setting: how long the work may wait with no executor. */
    public static final String TIMEOUT_KEY = "spark.matterhorn.noExecutorTimeout";
    /** Default of {@link #TIMEOUT_KEY}. */
    public static final String DEFAULT_TIMEOUT = "120s";
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorWatchdog.class);
    private static final AtomicLong GROUPS = new AtomicLong();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "matterhorn-executor-watchdog");
        t.setDaemon(true);
        return t;
    });

    private ExecutorWatchdog() {
    }

    /** Thrown when the work was cancelled because no executor was left for the timeout. */
    public static final class NoExecutorException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NoExecutorException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs work that starts Spark jobs from this thread, cancelling them when no executor is left.
     *
     * @param sc the Spark context
     * @param what what the work does, for the job description and the message
     * @param work the work
     * @param <T> its result type
     * @return the work's result
     * @throws NoExecutorException when no executor was alive for the timeout (the jobs were cancelled)
     * @throws RuntimeException whatever else the work throws (checked exceptions wrapped)
     */
    public static <T> T run(JavaSparkContext sc, String what, Callable<T> work) {
        long timeoutMs = sc.sc().isLocal() ? 0
                : sc.getConf().getTimeAsMs(TIMEOUT_KEY, DEFAULT_TIMEOUT);
        if (timeoutMs <= 0) {
            return call(work);
        }
        String group = "matterhorn-" + GROUPS.incrementAndGet();
        Properties saved = new Properties();
        for (String key : new String[] {"spark.jobGroup.id", "spark.job.description", "spark.job.interruptOnCancel"}) {
            String v = sc.getLocalProperty(key);
            if (v != null) {
                saved.setProperty(key, v);
            }
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicLong noneSince = new AtomicLong(-1);
        sc.setJobGroup(group, what, true);
        ScheduledFuture<?> watch = TIMER.scheduleWithFixedDelay(() -> {
            try {
                if (liveExecutors(sc) > 0) {
                    noneSince.set(-1);
                    return;
                }
                long now = System.currentTimeMillis();
                noneSince.compareAndSet(-1, now);
                if (now - noneSince.get() >= timeoutMs && timedOut.compareAndSet(false, true)) {
                    sc.cancelJobGroup(group);
                }
            } catch (RuntimeException | LinkageError e) {
                // a failed check must not end the watch (a scheduled task that throws is never run again)
                LOG.warn("executor watchdog: cannot count the executors: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            return call(work);
        } catch (RuntimeException e) {
            if (timedOut.get()) {
                throw new NoExecutorException("no Spark executor was alive for " + timeoutMs / 1000.0 + " s while "
                        + what + " waited for one (every worker lost, or none granted to this application), so its "
                        + "jobs were cancelled; start workers, or change " + TIMEOUT_KEY, e);
            }
            throw e;
        } finally {
            watch.cancel(false);
            for (String key : new String[] {"spark.jobGroup.id", "spark.job.description",
                "spark.job.interruptOnCancel"}) {
                sc.setLocalProperty(key, saved.getProperty(key));
            }
        }
    }

    /**
     * Counts the executors two ways and takes the smaller count, since either record can keep a lost executor
     * for a while: the application's status (executors not yet marked removed) and the block managers the driver
     * knows (an executor lost before it was fully registered can leave its block manager behind). The driver's
     * own entry is not counted in either.
     *
     * @return executors alive now
     */
    static int liveExecutors(JavaSparkContext sc) {
        BlockManagerId driver = SparkEnv.get() == null ? null : SparkEnv.get().blockManager().blockManagerId();
        SparkExecutorInfo[] infos = sc.sc().statusTracker().getExecutorInfos();
        int status = infos.length;
        boolean driverListed = false;
        for (SparkExecutorInfo e : infos) {
            driverListed |= driver != null && e.host().equals(driver.host()) && e.port() == driver.port();
        }
        status -= driverListed ? 1 : Math.min(1, infos.length);
        scala.collection.Map<String, scala.Tuple2<Object, Object>> managers = sc.sc().getExecutorMemoryStatus();
        int blockManagers = managers.size() - (driver != null && managers.contains(driver.hostPort()) ? 1
                : Math.min(1, managers.size()));
        return Math.min(status, blockManagers);
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
