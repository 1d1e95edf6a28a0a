package io.matterhorn.tensor;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A region of memory reused from one training iteration to the next (an ND4J workspace).
 *
 * <p>Why: outside a workspace, ND4J allocates every new array through the native allocator, which costs
 * milliseconds for a few megabytes (measured: about 7 ms for 655,360 floats on 2 cores). Inside a scope the
 * same allocation is a pointer bump (about 30 microseconds). A training step creates dozens of temporaries,
 * so wrapping each step in a scope is the single largest speed-up available. {@code io.matterhorn.train.Trainer}
 * opens one per training and evaluation iteration; a loop of your own looks like this:
 *
 * <pre>{@code
 * for (Batch batch : loader.epoch(e)) {
 *     try (var scope = MemoryScope.open("train")) {
 *         Tensor loss = Losses.mse(model.forward(batch.input()), Tensor.oneHot(batch.labels(), 10));
 *         optimizer.zeroGrad();
 *         loss.backward();
 *         optimizer.step();
 *         lossSum += loss.item();
 *         model.reset();       // neuron state must not outlive the scope
 *     }
 * }
 * }</pre>
 *
 * <p><b>Contract.</b> Every array created inside the scope becomes invalid when the scope closes (ND4J arrays and
 * the Java work arrays of {@link ScopedArrays}). Read what you
 * need ({@link Tensor#item()}, {@link Tensor#toFloatArray()}) before closing, or copy it out with
 * {@link Tensor#detachedCopy()}. Parameters, their gradients and optimiser state are always kept outside scopes,
 * so they survive. Soma state carried between calls (a {@code Temporal} with {@code resetAfterProcess=false})
 * must not cross a scope boundary (ND4J then fails with "outdated workspace pointer", or a fused kernel reads
 * stale memory): call {@code reset()} before the scope closes, as the {@code Trainer} does, or work without a
 * scope.
 */
public final class MemoryScope implements AutoCloseable {
    // STRICT: the block is exactly what the first iteration used. ND4J clears a block when it allocates it, so
    // every reserved byte is resident: the 20% over-allocation used before cost 1.3 GiB of resident memory at
    // example 4's T=128, B=128. An iteration that needs more spills, and the next one gets a larger block
    // (REALLOCATE).
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final MemoryWorkspace workspace;
    private boolean closed;

    private MemoryScope(MemoryWorkspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Opens (activates) the named scope on this thread. The first use of a name learns how much memory an
     * iteration needs; later uses reuse that block.
     *
     * @param name scope name; use one name per kind of loop (for example "train" and "eval")
     * @return the open scope; close it at the end of the iteration
     */
    public static MemoryScope open(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("MemoryScope name must be a non-empty string");
        }
        MemoryScope scope = new MemoryScope(Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG,
                "matterhorn-" + name));
        ScopedArrays.opened(name);
        return scope;
    }

    /**
     * Runs {@code body} with allocations going to ordinary (persistent) memory, even inside a scope. Used for
     * parameters, gradients of parameters and optimiser state.
     *
     * @param body the allocation to perform
     * @param <T> result type
     * @return what {@code body} returned
     */
    public static <T> T outside(java.util.function.Supplier<T> body) {
        ScopedArrays.opened(null);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return body.get();
        } finally {
            ScopedArrays.closed();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ScopedArrays.closed();
        workspace.close();
    }
}
