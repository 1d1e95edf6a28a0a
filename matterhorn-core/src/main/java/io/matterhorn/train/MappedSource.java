package io.matterhorn.train;

import io.matterhorn.tensor.Tensor;
import java.util.Iterator;
import java.util.function.UnaryOperator;

/** The source of {@link BatchSource#mapInput}: the same batches with a transformed input. */
final class MappedSource implements BatchSource {
    private final BatchSource source;
    private final UnaryOperator<Tensor> transform;

    MappedSource(BatchSource source, UnaryOperator<Tensor> transform) {
        this.source = source;
        this.transform = transform;
    }

    @Override
    public Iterable<LabeledBatch> epoch(int epochIndex) {
        return new Epoch(source.epoch(epochIndex), transform);
    }

    @Override
    public int numBatches() {
        return source.numBatches();
    }

    /** One epoch of mapped batches; closing it closes the underlying epoch when that is closeable. */
    private record Epoch(Iterable<? extends LabeledBatch> batches, UnaryOperator<Tensor> transform)
            implements Iterable<LabeledBatch>, AutoCloseable {
        @Override
        public Iterator<LabeledBatch> iterator() {
            Iterator<? extends LabeledBatch> it = batches.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public LabeledBatch next() {
                    LabeledBatch b = it.next();
                    return new LabeledBatch() {
                        @Override
                        public Tensor input() {
                            return transform.apply(b.input());
                        }

                        @Override
                        public int[] labels() {
                            return b.labels();
                        }

                        @Override
                        public int size() {
                            return b.size();
                        }
                    };
                }
            };
        }

        @Override
        public void close() throws Exception {
            if (batches instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
