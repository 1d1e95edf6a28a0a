package io.matterhorn.tensor;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An n-dimensional array (an ND4J {@link INDArray}, float32 by default) that records the operations applied
 * to it so that {@link #backward()} can compute gradients by reverse-mode automatic differentiation.
 *
 * <p>Every operation returns a new tensor; a result requires gradients when recording is on ({@link Grad})
 * and at least one input requires them. {@code backward()} sorts the graph topologically and calls each node's
 * {@link BackwardFunction} from the output back to the leaves. Gradients accumulate into leaves (parameters)
 * until {@link #zeroGrad()}; intermediate gradients are released after use.
 *
 * <p>This class is the graph node (value, inputs, backward rule, gradient) and the entry point of the common
 * operations; each operation is implemented in a class of its family: arithmetic, elementwise functions,
 * comparisons, sums and shape operations here delegate to package-private classes, and {@link Elementwise},
 * {@link Slicing}, {@link Reductions}, {@link Activations} and {@link Functional} (matrix products, losses,
 * fused nodes) hold the rest. Values are never modified in place by operations, so saved inputs stay valid for
 * the backward pass. Not thread-safe: build and differentiate one graph on one thread.
 */
public final class Tensor {
    private INDArray value; // null while a lazy constant is not computed yet
    private LazyValue pending; // how to compute it, until then its shape and type
    private boolean requiresGrad;
    final Tensor[] parents; // read by Backprop.topologicalOrder
    private final BackwardFunction backwardFunction;
    private final String op;
    private final boolean leaf;
    INDArray grad; // written by Backprop.accumulate and propagate
    boolean gradOwned; // whether grad is a private sum that may be updated in place
    private boolean spikeValued;
    private io.matterhorn.numeric.SparseRows sparseRows;
    private PendingConvolution pendingConvolution;

    private Tensor(INDArray value, boolean requiresGrad, Tensor[] parents, BackwardFunction fn, String op,
            boolean leaf) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.parents = parents;
        this.backwardFunction = fn;
        this.op = op;
        this.leaf = leaf;
    }

    /**
     * A constant whose value is computed on first use ({@link #value()} and the operations that read it); its
     * shape, type, spike mark and attached spike lists are known before. For producers whose consumers usually read
     * another form of the data: the Poisson encoder's spikes are read as spike lists ({@link #sparseRows()}) by the
     * event-driven linear layer, so their dense array is written only if something asks for it.
     *
     * @param shape the value's shape
     * @param type the value's element type
     * @param compute computes the value, once, on the thread that first reads it (inside the {@link MemoryScope}
     *     open at that time, if any); must return an array of that shape and type
     * @return the constant
     * @throws IllegalArgumentException if an argument is null or the shape has a negative dimension
     */
    public static Tensor lazy(long[] shape, DataType type, Supplier<INDArray> compute) {
        if (shape == null || type == null || compute == null) {
            throw new IllegalArgumentException("Tensor.lazy: shape, type and compute must not be null");
        }
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Tensor.lazy: negative dimension in shape "
                        + Arrays.toString(shape));
            }
        }
        Tensor t = new Tensor(null, false, new Tensor[0], null, "const", true);
        t.pending = new LazyValue(shape.clone(), type, compute);
        return t;
    }

    /** @return whether this is a {@link #lazy} constant whose value has not been computed yet */
    boolean isPending() {
        return value == null;
    }

    /**
     * @param value the array; not copied
     * @return a constant wrapping it: a leaf tensor that does not require gradients
     */
    public static Tensor of(INDArray value) {
        return new Tensor(checkValue(value), false, new Tensor[0], null, "const", true);
    }

    /**
     * @param value the array; not copied
     * @return a leaf wrapping it with {@code requiresGrad() == true} (an input whose gradient is wanted)
     */
    public static Tensor variable(INDArray value) {
        return new Tensor(checkValue(value), true, new Tensor[0], null, "variable", true);
    }

    /**
     * Creates a trainable or frozen parameter. The value is copied out of any workspace, so parameters outlive
     * {@link MemoryScope}s; their gradients are kept outside scopes too.
     *
     * @param value initial value; copied
     * @param trainable whether the parameter receives gradients
     * @return the parameter tensor
     */
    public static Tensor parameter(INDArray value, boolean trainable) {
        INDArray persistent = MemoryScope.outside(() -> checkValue(value).dup('c'));
        return new Tensor(persistent, trainable, new Tensor[0], null, "parameter", true);
    }

    /**
     * @param v the value
     * @return a 0-d float32 constant
     */
    public static Tensor scalar(double v) {
        return of(Nd4j.scalar((float) v));
    }

    /**
     * @param shape the shape
     * @return a float32 constant filled with zeros
     */
    public static Tensor zeros(long... shape) {
        return of(Nd4j.zeros(DataType.FLOAT, shape));
    }

    /**
     * Creates a node of the graph. This is the extension point for new operations: compute {@code value} from
     * the parents' values and pass a backward rule that accumulates into every parent that requires gradients.
     * When recording is off or no parent requires gradients, the result is a constant and {@code fn} is dropped.
     *
     * @param op short name of the operation (shown in error messages and {@link #toString()})
     * @param value the forward result
     * @param fn the backward rule
     * @param parents the inputs of the operation
     * @return the new node
     */
    public static Tensor fromOp(String op, INDArray value, BackwardFunction fn, Tensor... parents) {
        boolean needs = false;
        if (Grad.isEnabled()) {
            for (Tensor p : parents) {
                needs |= p.requiresGrad;
            }
        }
        return needs ? new Tensor(value, true, parents, fn, op, false)
                : new Tensor(value, false, new Tensor[0], null, op, true);
    }

    /**
     * {@link #fromOp} for an operation whose result is usually read in another form: the value is computed on first
     * use (as for {@link #lazy}), the node takes part in the graph like any other. For a soma whose spikes go on as
     * attached lists ({@link #sparseRows()}): the next synapse reads the lists, and the dense spike array is made
     * only if something asks for it. The backward rule must not need the value.
     *
     * @param op short name of the operation
     * @param shape the value's shape
     * @param type the value's element type
     * @param compute computes the value, once, on the thread that first reads it (inside the {@link MemoryScope}
     *     open at that time, if any); must return an array of that shape and type
     * @param fn the backward rule
     * @param parents the inputs of the operation
     * @return the new node
     * @throws IllegalArgumentException if shape, type or compute is null or the shape has a negative dimension
     */
    public static Tensor fromLazyOp(String op, long[] shape, DataType type, Supplier<INDArray> compute,
            BackwardFunction fn, Tensor... parents) {
        Tensor lazy = lazy(shape, type, compute);
        Tensor t = fromOp(op, null, fn, parents);
        t.pending = lazy.pending;
        return t;
    }

    private static INDArray checkValue(INDArray value) {
        if (value == null) {
            throw new IllegalArgumentException("tensor value must not be null");
        }
        return value;
    }

    /** @return the underlying array (do not modify it in place while a graph depends on it) */
    public INDArray value() {
        if (value == null) {
            value = pending.compute();
            pending = null;
        }
        return value;
    }

    /** @return the accumulated gradient dL/d(this), or {@code null} when none has been computed */
    public INDArray grad() {
        return grad;
    }

    /** @return whether gradients flow to or through this tensor */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Freezes ({@code false}) or unfreezes ({@code true}) a leaf tensor, typically a parameter, after construction
     * (PyTorch's {@code requires_grad_}). Operations recorded from now on see the new setting; a frozen tensor
     * accumulates no gradient, and optimisers skip it. Its existing gradient is kept.
     *
     * @param on whether gradients should flow to this tensor
     * @return this tensor
     * @throws IllegalStateException for a non-leaf tensor (the result of an operation)
     */
    public Tensor setRequiresGrad(boolean on) {
        if (!leaf) {
            throw new IllegalStateException("setRequiresGrad is only allowed on leaf tensors (parameters, inputs), "
                    + "not on the result of '" + op + "'; use detach() to cut a graph");
        }
        requiresGrad = on;
        return this;
    }

    /** @return whether this tensor was created directly rather than by an operation */
    public boolean isLeaf() {
        return leaf;
    }

    /** @return the operation that produced this tensor */
    public String op() {
        return op;
    }

    /** @return the shape (a copy) */
    public long[] shape() {
        return value != null ? value.shape() : pending.shape().clone();
    }

    /**
     * @param dim dimension index; negative counts from the end
     * @return the size of that dimension
     */
    public long size(int dim) {
        int d = dim < 0 ? dim + rank() : dim;
        return value != null ? value.size(d) : pending.shape()[d];
    }

    /** @return the number of dimensions */
    public int rank() {
        return value != null ? value.rank() : pending.shape().length;
    }

    /** @return the number of elements */
    public long length() {
        return value != null ? value.length() : Shapes.product(pending.shape());
    }

    /** @return the element type */
    public DataType dataType() {
        return value != null ? value.dataType() : pending.type();
    }

    /**
     * Whether every element is known to be 0 or 1 (spikes). Set by encoders, somas and binarising layers;
     * synapses use it to pick an event-driven product that skips zero inputs.
     *
     * @return true when the values are known to be binary
     */
    public boolean isSpikeValued() {
        return spikeValued;
    }

    /**
     * Marks this tensor as holding only 0 and 1. Only call this when it is true: it changes which kernel runs,
     * never the result of a correct program.
     *
     * @return this tensor
     */
    public Tensor markSpikeValued() {
        this.spikeValued = true;
        return this;
    }

    /**
     * A compressed copy of the non-zero entries, kept beside the dense value by producers that get it for free
     * (the Poisson encoder; a spiking soma whose kernel lists its spikes, one row per step and sample); the linear
     * and convolution layers read it instead of scanning the value. It describes the flat row-major data viewed as
     * {@code [length / cols, cols]}, so it stays valid through reshapes.
     *
     * @return the sparse form, or null when none is attached
     */
    public io.matterhorn.numeric.SparseRows sparseRows() {
        return sparseRows;
    }

    /**
     * Attaches the sparse form of this tensor's value (see {@link #sparseRows()}). It must describe exactly the
     * same numbers as the dense value.
     *
     * @param s the sparse form; rows * cols must equal {@link #length()}
     * @return this tensor
     */
    public Tensor attachSparseRows(io.matterhorn.numeric.SparseRows s) {
        if ((long) s.rows() * s.cols() != length()) {
            throw new IllegalArgumentException("sparse form " + s.rows() + " x " + s.cols() + " does not cover "
                    + length() + " elements");
        }
        this.sparseRows = s;
        return this;
    }

    /**
     * The inputs of the event-driven convolution that will compute this tensor's value, while the value is lazy
     * (see {@link PendingConvolution}); a reshape of such a tensor carries it on.
     *
     * @return the pending convolution, or null when none is attached or the value has been computed
     */
    public PendingConvolution pendingConvolution() {
        return value == null ? pendingConvolution : null;
    }

    /**
     * Attaches the convolution that computes this lazy tensor's value (see {@link #pendingConvolution()}).
     *
     * @param c the convolution; its output must have this tensor's length
     * @return this tensor
     * @throws IllegalArgumentException if the lengths differ
     */
    public Tensor attachPendingConvolution(PendingConvolution c) {
        if ((long) c.ones().rows() * c.sampleElements() != length()) {
            throw new IllegalArgumentException("pending convolution of " + c.ones().rows() + " x "
                    + c.sampleElements() + " outputs does not cover " + length() + " elements");
        }
        this.pendingConvolution = c;
        return this;
    }

    /** @return the single element of a one-element tensor */
    public double item() {
        if (value().length() != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, got shape "
                    + Arrays.toString(value().shape()));
        }
        return value().getDouble(0);
    }

    /** @return the values in row-major order, as a new array */
    public float[] toFloatArray() {
        return value().dup('c').data().asFloat();
    }

    /** @return the values in row-major order, as a new double array */
    public double[] toDoubleArray() {
        return value().dup('c').data().asDouble();
    }

    /** @return a constant copy of the value that lives outside every {@link MemoryScope} */
    public Tensor detachedCopy() {
        return of(MemoryScope.outside(() -> value().dup('c')));
    }

    /** @return a constant sharing this tensor's value, cut from the graph (truncated BPTT) */
    public Tensor detach() {
        Tensor t = of(value());
        t.spikeValued = spikeValued;
        t.sparseRows = sparseRows;
        return t;
    }

    /**
     * Adds {@code g} to this tensor's gradient. Called by backward rules; {@code g} is not modified and may be
     * retained, so callers must not modify it afterwards either.
     *
     * @param g dL/d(this), same shape as this tensor
     */
    public void accumulateGrad(INDArray g) {
        Backprop.accumulate(this, g, false);
    }

    /**
     * Adds {@code g} to this tensor's gradient, handing the array over: the caller created it for this purpose,
     * keeps no other reference to it and must not use it afterwards. An intermediate node then keeps it without a
     * copy, and its backward rule, if it is an {@link InPlaceBackward}, may overwrite it (a backward pass of a
     * long sequence needs one large array less per such step). A leaf still keeps its own copy.
     *
     * @param g dL/d(this), same shape as this tensor, referenced by nobody else
     */
    public void takeGrad(INDArray g) {
        Backprop.accumulate(this, g, true);
    }

    /** Resets the accumulated gradient to zero (keeps the buffer for leaves). */
    public void zeroGrad() {
        if (grad != null && leaf) {
            Backprop.clear(grad);
        } else {
            grad = null;
        }
    }

    /** Computes gradients of this one-element tensor (a loss) with respect to every leaf that requires them. */
    public void backward() {
        if (value().length() != 1) {
            throw new IllegalStateException("backward() without an argument needs a one-element tensor (a loss), "
                    + "got shape " + Arrays.toString(value().shape()) + "; use backward(gradient)");
        }
        backward(Nd4j.onesLike(value()));
    }

    /**
     * Computes gradients given dL/d(this).
     *
     * @param gradient dL/d(this), same shape as this tensor
     */
    public void backward(INDArray gradient) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward() called on a tensor that does not require gradients "
                    + "(op " + op + "): no parameter or input in its graph requires them, or Grad is disabled");
        }
        Backprop.run(this, gradient);
    }

    /** Runs this node's backward rule on its gradient, then releases the gradient (one step of Backprop). */
    void propagate() {
        if (backwardFunction instanceof InPlaceBackward inPlace) {
            inPlace.apply(grad, gradOwned);
        } else {
            backwardFunction.apply(grad);
        }
        grad = null;
    }

    /** @return the inputs of this node (empty for leaves) */
    public List<Tensor> parents() {
        return Collections.unmodifiableList(Arrays.asList(parents));
    }

    /**
     * Elementwise sum {@code this + other}. Shapes must be equal, or {@code other} / {@code this} may have one
     * element, or be a vector matching the last dimension (bias broadcasting). Derivative 1 for both operands,
     * summed back to each operand's shape.
     *
     * @param other the other operand
     * @return the sum
     */
    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other);
    }

    /**
     * @param other subtrahend
     * @return the elementwise difference {@code this - other}, broadcasting as in {@link #add(Tensor)}
     */
    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    /**
     * @param other the other factor
     * @return the elementwise product {@code this * other}, broadcasting as in {@link #add(Tensor)}
     */
    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    /**
     * @param other divisor
     * @return the elementwise quotient {@code this / other}, broadcasting as in {@link #add(Tensor)};
     *     d/dthis = 1/other, d/dother = -this/other^2
     */
    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    /**
     * @param c constant
     * @return {@code this + c}
     */
    public Tensor add(double c) {
        return Arithmetic.add(this, c);
    }

    /**
     * @param c constant
     * @return {@code this - c}
     */
    public Tensor sub(double c) {
        return Arithmetic.sub(this, c);
    }

    /**
     * @param c constant
     * @return {@code this * c}
     */
    public Tensor mul(double c) {
        return Arithmetic.mul(this, c);
    }

    /**
     * @param c constant, non-zero
     * @return {@code this / c}
     */
    public Tensor div(double c) {
        return Arithmetic.div(this, c);
    }

    /**
     * @param c constant
     * @return {@code c - this}
     */
    public Tensor rsub(double c) {
        return Arithmetic.rsub(this, c);
    }

    /** @return {@code -this} */
    public Tensor neg() {
        return Arithmetic.neg(this);
    }

    /** @return {@code this^2}; derivative 2 this */
    public Tensor square() {
        return Arithmetic.square(this);
    }

    /** @return {@code exp(this)}; derivative exp(this) */
    public Tensor exp() {
        return UnaryFunctions.exp(this);
    }

    /** @return natural logarithm; derivative 1/this */
    public Tensor log() {
        return UnaryFunctions.log(this);
    }

    /** @return {@code 1/(1+exp(-this))}; derivative s(1-s) */
    public Tensor sigmoid() {
        return UnaryFunctions.sigmoid(this);
    }

    /** @return {@code max(this, 0)}; derivative 1 where this > 0, else 0 */
    public Tensor relu() {
        return UnaryFunctions.relu(this);
    }

    /** @return {@code tanh(this)}; derivative 1 - tanh^2 */
    public Tensor tanh() {
        return UnaryFunctions.tanh(this);
    }

    /** @return {@code |this|}; see {@link Elementwise#abs} */
    public Tensor abs() {
        return Elementwise.abs(this);
    }

    /**
     * @param exponent p
     * @return {@code this^p}; see {@link Elementwise#pow}
     */
    public Tensor pow(double exponent) {
        return Elementwise.pow(this, exponent);
    }

    /** @return {@code sqrt(this)}; see {@link Elementwise#sqrt} */
    public Tensor sqrt() {
        return Elementwise.sqrt(this);
    }

    /**
     * @param min lower bound
     * @param max upper bound
     * @return this clamped into [min, max]; see {@link Elementwise#clamp}
     */
    public Tensor clamp(double min, double max) {
        return Elementwise.clamp(this, min, max);
    }

    /**
     * @param dim dimension (negative counts from the end)
     * @param start first index
     * @param length number of indices
     * @return the slice; see {@link Slicing#narrow}
     */
    public Tensor narrow(int dim, long start, long length) {
        return Slicing.narrow(this, dim, start, length);
    }

    /**
     * @param c threshold
     * @return constant mask, 1 where {@code this > c}, else 0, in this tensor's type
     */
    public Tensor gt(double c) {
        return Comparisons.gt(this, c);
    }

    /**
     * @param c threshold
     * @return constant mask, 1 where {@code this >= c}, else 0
     */
    public Tensor ge(double c) {
        return Comparisons.ge(this, c);
    }

    /**
     * @param c threshold
     * @return constant mask, 1 where {@code this < c}, else 0
     */
    public Tensor lt(double c) {
        return Comparisons.lt(this, c);
    }

    /**
     * @param other tensor of the same shape
     * @return constant mask, 1 where the elements are equal, else 0
     * @throws IllegalArgumentException when the shapes differ
     */
    public Tensor eq(Tensor other) {
        return Comparisons.eq(this, other);
    }

    /** @return the sum of all elements, shape [] */
    public Tensor sum() {
        return Sums.sum(this);
    }

    /** @return the mean of all elements, shape [] */
    public Tensor mean() {
        return Sums.mean(this);
    }

    /**
     * @param dims dimensions to reduce (negative counts from the end)
     * @return the sum along {@code dims}, which are removed from the shape
     */
    public Tensor sum(int... dims) {
        return Sums.sum(this, dims);
    }

    /**
     * @param dims dimensions to reduce (negative counts from the end)
     * @return the mean along {@code dims}, which are removed from the shape
     */
    public Tensor mean(int... dims) {
        return Sums.mean(this, dims);
    }

    /**
     * @param newShape the new shape, same number of elements; one dimension may be -1
     * @return the tensor reshaped (row-major)
     */
    public Tensor reshape(long... newShape) {
        return Shapes.reshape(this, newShape);
    }

    /**
     * @param order new order of the existing dimensions
     * @return the permuted tensor (contiguous copy)
     */
    public Tensor permute(int... order) {
        return Shapes.permute(this, order);
    }

    /** @return the transpose of a 2-D tensor */
    public Tensor transpose() {
        return Shapes.transpose(this);
    }

    /**
     * @param index an index of dimension 0, 0 &lt;= index &lt; size(0)
     * @return that slice (one time step of a [T, B, ...] tensor), shape [B, ...]
     */
    public Tensor select(long index) {
        return Shapes.select(this, index);
    }

    /**
     * @param items equally shaped tensors, shape [B, ...]
     * @return them stacked along a new dimension 0, shape [items.size(), B, ...]
     */
    public static Tensor stack(List<Tensor> items) {
        return Shapes.stack(items);
    }

    /**
     * One-hot encoding of class labels.
     *
     * @param labels class indices, each in [0, numClasses)
     * @param numClasses number of classes
     * @return a float32 constant of shape [labels.length, numClasses]
     */
    public static Tensor oneHot(int[] labels, int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        float[] data = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside [0, "
                        + numClasses + ")");
            }
            data[i * numClasses + labels[i]] = 1f;
        }
        return of(Nd4j.create(data, new long[] {labels.length, numClasses}, 'c')).markSpikeValued();
    }

    @Override
    public String toString() {
        return "Tensor(op=" + op + ", shape=" + Arrays.toString(shape()) + ", dtype=" + dataType()
                + (requiresGrad ? ", requiresGrad" : "") + ")";
    }
}
