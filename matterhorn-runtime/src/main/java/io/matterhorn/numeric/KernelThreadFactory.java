package io.matterhorn.numeric;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Creates the kernel pool's worker threads as daemon threads in a thread group of their own, so that they never
 * keep a program alive: the JVM exits as soon as {@code main} returns, and launchers that wait for the threads of
 * the program's group (Maven's {@code exec:java}) do not find them.
 *
 * <p>A {@link ForkJoinWorkerThread} joins the thread group of the thread that constructs it, and the pool constructs
 * workers on whichever thread submits work. Workers are therefore constructed on one helper thread (itself a
 * daemon in the group); workers that start further workers are already in the group and construct them directly.
 *
 * <p>Thread-safety: thread-safe (the pool calls {@link #newThread} from any thread).
 */
final class KernelThreadFactory implements ForkJoinPool.ForkJoinWorkerThreadFactory {
    private final ThreadGroup group;
    private final ExecutorService spawner;

    /** @param name the thread group's name, also the prefix of the thread names */
    KernelThreadFactory(String name) {
        ThreadGroup top = Thread.currentThread().getThreadGroup();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        this.group = new ThreadGroup(top, name);
        this.spawner = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(group, task, name + "-spawner");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        if (Thread.currentThread().getThreadGroup() == group) {
            return construct(pool);
        }
        try {
            return spawner.submit(() -> construct(pool)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start a kernel worker thread", e.getCause());
        }
    }

    private ForkJoinWorkerThread construct(ForkJoinPool pool) {
        ForkJoinWorkerThread worker = new ForkJoinWorkerThread(pool) {
        };
        worker.setDaemon(true);
        worker.setName(group.getName() + "-" + worker.getName());
        return worker;
    }
}
