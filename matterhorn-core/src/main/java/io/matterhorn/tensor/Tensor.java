package io.matterhorn.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Operations live in this class (elementwise, reductions, shape) and in {@link Functional} (matrix
 * products, losses, fused nodes). Values are never modified in place by operations, so saved inputs stay valid
 * for the backward pass.
 */
public final class Tensor {
    private final INDArray value;
    private boolean requiresGrad;
    private final Tensor[] parents;
    private final BackwardFunction backwardFunction;
    private final String op;
    private final boolean leaf;
    private INDArray grad;
    private boolean gradOwned;
    private boolean spikeValued;
    private io.matterhorn.numeric.SparseRows sparseRows;

    private Tensor(INDArray value, boolean requiresGrad, Tensor[] parents, BackwardFunction fn, String op,
            boolean leaf) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.parents = parents;
        this.backwardFunction = fn;
        this.op = op;
        this.leaf = leaf;
    }

    // ------------------------------------------------------------------ creation

    /**
     * Wraps an array as a constant (no gradient).
     *
     * @param value the array; not copied
     * @return a leaf tensor that does not require gradients
     */
    public static Tensor of(INDArray value) {
        return new Tensor(checkValue(value), false, new Tensor[0], null, "const", true);
    }

    /**
     * Wraps an array as a leaf that requires gradients (an input whose gradient is wanted).
     *
     * @param value the array; not copied
     * @return a leaf tensor with {@code requiresGrad() == true}
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
     * Creates a 0-d float32 constant.
     *
     * @param v the value
     * @return a constant scalar tensor
     */
    public static Tensor scalar(double v) {
        return of(Nd4j.scalar((float) v));
    }

    /**
     * Creates a constant filled with zeros.
     *
     * @param shape the shape
     * @return a float32 constant
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

    private static INDArray checkValue(INDArray value) {
        if (value == null) {
            throw new IllegalArgumentException("tensor value must not be null");
        }
        return value;
    }

    // ------------------------------------------------------------------ accessors

    /** @return the underlying array (do not modify it in place while a graph depends on it) */
    public INDArray value() {
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
        return value.shape();
    }

    /**
     * @param dim dimension index; negative counts from the end
     * @return the size of that dimension
     */
    public long size(int dim) {
        return value.size(dim < 0 ? dim + rank() : dim);
    }

    /** @return the number of dimensions */
    public int rank() {
        return value.rank();
    }

    /** @return the number of elements */
    public long length() {
        return value.length();
    }

    /** @return the element type */
    public DataType dataType() {
        return value.dataType();
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
     * (the Poisson encoder). It describes the flat row-major data viewed as {@code [length / cols, cols]}, so it
     * stays valid through reshapes.
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
        if ((long) s.rows() * s.cols() != value.length()) {
            throw new IllegalArgumentException("sparse form " + s.rows() + " x " + s.cols() + " does not cover "
                    + value.length() + " elements");
        }
        this.sparseRows = s;
        return this;
    }

    /** @return the single element of a one-element tensor */
    public double item() {
        if (value.length() != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, got shape "
                    + Arrays.toString(value.shape()));
        }
        return value.getDouble(0);
    }

    /** @return the values in row-major order, as a new array */
    public float[] toFloatArray() {
        return value.dup('c').data().asFloat();
    }

    /** @return the values in row-major order, as a new double array */
    public double[] toDoubleArray() {
        return value.dup('c').data().asDouble();
    }

    /** @return a constant copy of the value that lives outside every {@link MemoryScope} */
    public Tensor detachedCopy() {
        return of(MemoryScope.outside(() -> value.dup('c')));
    }

    /** @return a constant sharing this tensor's value, cut from the graph (truncated BPTT) */
    public Tensor detach() {
        Tensor t = of(value);
        t.spikeValued = spikeValued;
        t.sparseRows = sparseRows;
        return t;
    }

    // ------------------------------------------------------------------ gradients

    /**
     * Adds {@code g} to this tensor's gradient. Called by backward rules; {@code g} is not modified and may be
     * retained, so callers must not modify it afterwards either.
     *
     * @param g dL/d(this), same shape as this tensor
     */
    public void accumulateGrad(INDArray g) {
        if (!requiresGrad) {
            return;
        }
        if (!Arrays.equals(g.shape(), value.shape())) {
            throw new IllegalStateException("gradient shape " + Arrays.toString(g.shape()) + " does not match "
                    + op + " value shape " + Arrays.toString(value.shape()));
        }
        INDArray gc = g.dataType() == value.dataType() ? g : g.castTo(value.dataType());
        if (leaf) {
            if (grad == null) {
                grad = MemoryScope.outside(() -> gc.dup('c'));
            } else {
                grad.addi(gc);
            }
            return;
        }
        if (grad == null) {
            grad = gc;
            gradOwned = false;
        } else if (gradOwned) {
            grad.addi(gc);
        } else {
            grad = grad.add(gc);
            gradOwned = true;
        }
    }

    /** Resets the accumulated gradient to zero (keeps the buffer for leaves). */
    public void zeroGrad() {
        if (grad != null && leaf) {
            grad.assign(0);
        } else {
            grad = null;
        }
    }

    /** Computes gradients of this one-element tensor (a loss) with respect to every leaf that requires them. */
    public void backward() {
        if (value.length() != 1) {
            throw new IllegalStateException("backward() without an argument needs a one-element tensor (a loss), "
                    + "got shape " + Arrays.toString(value.shape()) + "; use backward(gradient)");
        }
        backward(Nd4j.onesLike(value));
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
        List<Tensor> order = topologicalOrder();
        accumulateGrad(gradient);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor node = order.get(i);
            if (node.leaf || node.grad == null) {
                continue;
            }
            node.backwardFunction.apply(node.grad);
            node.grad = null;
        }
    }

    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {this, 0});
        visited.put(this, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor node = (Tensor) frame[0];
            int next = (Integer) frame[1];
            if (next < node.parents.length) {
                frame[1] = next + 1;
                Tensor p = node.parents[next];
                if (p.requiresGrad && visited.put(p, Boolean.TRUE) == null) {
                    stack.push(new Object[] {p, 0});
                }
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }

    /** @return the inputs of this node (empty for leaves) */
    public List<Tensor> parents() {
        return Collections.unmodifiableList(Arrays.asList(parents));
    }

    // ------------------------------------------------------------------ elementwise binary

    /**
     * Elementwise sum {@code this + other}. Shapes must be equal, or {@code other} / {@code this} may have one
     * element, or be a vector matching the last dimension (bias broadcasting).
     *
     * @param other the other operand
     * @return the sum
     */
    public Tensor add(Tensor other) {
        INDArray a = value;
        INDArray b = other.value;
        Broadcast kind = Broadcast.of("add", this, other);
        INDArray out = kind.apply(a, b, (x, y) -> x.add(y));
        return fromOp("add", out, g -> {
            accumulateGrad(this, kind.reduceLeft(g, value.shape()));
            accumulateGrad(other, kind.reduceRight(g, other.value.shape()));
        }, this, other);
    }

    /**
     * Elementwise difference {@code this - other} (broadcasting as in {@link #add(Tensor)}).
     *
     * @param other subtrahend
     * @return the difference
     */
    public Tensor sub(Tensor other) {
        Broadcast kind = Broadcast.of("sub", this, other);
        INDArray out = kind.apply(value, other.value, (x, y) -> x.sub(y));
        return fromOp("sub", out, g -> {
            accumulateGrad(this, kind.reduceLeft(g, value.shape()));
            if (other.requiresGrad) {
                accumulateGrad(other, kind.reduceRight(g, other.value.shape()).neg());
            }
        }, this, other);
    }

    /**
     * Elementwise product {@code this * other} (broadcasting as in {@link #add(Tensor)}).
     *
     * @param other the other factor
     * @return the product
     */
    public Tensor mul(Tensor other) {
        Broadcast kind = Broadcast.of("mul", this, other);
        INDArray a = value;
        INDArray b = other.value;
        INDArray out = kind.apply(a, b, (x, y) -> x.mul(y));
        return fromOp("mul", out, g -> {
            if (requiresGrad) {
                accumulateGrad(this, kind.reduceLeft(g.mul(b), value.shape()));
            }
            if (other.requiresGrad) {
                accumulateGrad(other, kind.reduceRight(g.mul(a), other.value.shape()));
            }
        }, this, other);
    }

    /**
     * Elementwise quotient {@code this / other} (broadcasting as in {@link #add(Tensor)}).
     * d/dthis = 1/other, d/dother = -this/other^2.
     *
     * @param other divisor
     * @return the quotient
     */
    public Tensor div(Tensor other) {
        Broadcast kind = Broadcast.of("div", this, other);
        INDArray a = value;
        INDArray b = other.value;
        INDArray out = kind.apply(a, b, (x, y) -> x.div(y));
        return fromOp("div", out, g -> {
            if (requiresGrad) {
                accumulateGrad(this, kind.reduceLeft(g.div(b), value.shape()));
            }
            if (other.requiresGrad) {
                INDArray q = out.div(b); // this / other^2
                accumulateGrad(other, kind.reduceRight(g.mul(q).negi(), other.value.shape()));
            }
        }, this, other);
    }

    private static void accumulateGrad(Tensor t, INDArray g) {
        if (t.requiresGrad) {
            t.accumulateGrad(g);
        }
    }

    // ------------------------------------------------------------------ scalar arithmetic

    /**
     * @param c constant
     * @return {@code this + c}
     */
    public Tensor add(double c) {
        return fromOp("addScalar", value.add(c), g -> accumulateGrad(this, g), this);
    }

    /**
     * @param c constant
     * @return {@code this - c}
     */
    public Tensor sub(double c) {
        return fromOp("subScalar", value.sub(c), g -> accumulateGrad(this, g), this);
    }

    /**
     * @param c constant
     * @return {@code this * c}
     */
    public Tensor mul(double c) {
        return fromOp("mulScalar", value.mul(c), g -> accumulateGrad(this, g.mul(c)), this);
    }

    /**
     * @param c constant, non-zero
     * @return {@code this / c}
     */
    public Tensor div(double c) {
        return fromOp("divScalar", value.div(c), g -> accumulateGrad(this, g.div(c)), this);
    }

    /**
     * @param c constant
     * @return {@code c - this}
     */
    public Tensor rsub(double c) {
        return fromOp("rsubScalar", value.rsub(c), g -> accumulateGrad(this, g.neg()), this);
    }

    /** @return {@code -this} */
    public Tensor neg() {
        return fromOp("neg", value.neg(), g -> accumulateGrad(this, g.neg()), this);
    }

    /** @return {@code this^2}; derivative 2 this */
    public Tensor square() {
        INDArray x = value;
        return fromOp("square", x.mul(x), g -> accumulateGrad(this, g.mul(x).muli(2)), this);
    }

    // ------------------------------------------------------------------ elementwise unary

    /** @return {@code exp(this)}; derivative exp(this) */
    public Tensor exp() {
        INDArray out = org.nd4j.linalg.ops.transforms.Transforms.exp(value, true);
        return fromOp("exp", out, g -> accumulateGrad(this, g.mul(out)), this);
    }

    /** @return natural logarithm; derivative 1/this */
    public Tensor log() {
        INDArray x = value;
        INDArray out = org.nd4j.linalg.ops.transforms.Transforms.log(x, true);
        return fromOp("log", out, g -> accumulateGrad(this, g.div(x)), this);
    }

    /** @return {@code 1/(1+exp(-this))}; derivative s(1-s) */
    public Tensor sigmoid() {
        INDArray out = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(value, true);
        return fromOp("sigmoid", out, g -> accumulateGrad(this, g.mul(out).muli(out.rsub(1))), this);
    }

    /** @return {@code max(this, 0)}; derivative 1 where this > 0, else 0 */
    public Tensor relu() {
        INDArray x = value;
        INDArray out = org.nd4j.linalg.ops.transforms.Transforms.relu(x, true);
        return fromOp("relu", out, g -> accumulateGrad(this, g.mul(x.gt(0).castTo(x.dataType()))), this);
    }

    /** @return {@code tanh(this)}; derivative 1 - tanh^2 */
    public Tensor tanh() {
        INDArray out = org.nd4j.linalg.ops.transforms.Transforms.tanh(value, true);
        return fromOp("tanh", out, g -> accumulateGrad(this, g.mul(out.mul(out).rsubi(1))), this);
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

    // ------------------------------------------------------------------ comparisons (no gradient)

    /**
     * @param c threshold
     * @return constant mask, 1 where {@code this > c}, else 0, in this tensor's type
     */
    public Tensor gt(double c) {
        return of(value.gt(c).castTo(value.dataType())).markSpikeValued();
    }

    /**
     * @param c threshold
     * @return constant mask, 1 where {@code this >= c}, else 0
     */
    public Tensor ge(double c) {
        return of(value.gte(c).castTo(value.dataType())).markSpikeValued();
    }

    /**
     * @param c threshold
     * @return constant mask, 1 where {@code this < c}, else 0
     */
    public Tensor lt(double c) {
        return of(value.lt(c).castTo(value.dataType())).markSpikeValued();
    }

    /**
     * @param other tensor of the same shape
     * @return constant mask, 1 where the elements are equal, else 0
     */
    public Tensor eq(Tensor other) {
        requireSameShape("eq", other);
        return of(value.eq(other.value).castTo(value.dataType())).markSpikeValued();
    }

    // ------------------------------------------------------------------ reductions

    /** @return the sum of all elements, shape [] */
    public Tensor sum() {
        INDArray x = value;
        INDArray out = Nd4j.scalar(x.dataType(), x.sumNumber().doubleValue());
        return fromOp("sum", out, g -> accumulateGrad(this, Nd4j.valueArrayOf(x.shape(), g.getDouble(0),
                x.dataType())), this);
    }

    /** @return the mean of all elements, shape [] */
    public Tensor mean() {
        return sum().div((double) value.length());
    }

    /**
     * Sum along the given dimensions, which are removed from the shape.
     *
     * @param dims dimensions to reduce (negative counts from the end)
     * @return the reduced tensor
     */
    public Tensor sum(int... dims) {
        int[] d = normaliseDims(dims);
        long[] inShape = value.shape();
        INDArray out = value.sum(d);
        long[] keptShape = inShape.clone();
        for (int k : d) {
            keptShape[k] = 1;
        }
        boolean leading = true;
        for (int i = 0; i < d.length; i++) {
            leading &= d[i] == i;
        }
        boolean repeat = leading;
        return fromOp("sumDims", out, g -> {
            INDArray tiled = repeat ? Layout.repeatLeading(g, inShape) : null;
            accumulateGrad(this, tiled != null ? tiled : g.reshape(keptShape).broadcast(inShape));
        }, this);
    }

    /**
     * Mean along the given dimensions, which are removed from the shape.
     *
     * @param dims dimensions to reduce
     * @return the reduced tensor
     */
    public Tensor mean(int... dims) {
        int[] d = normaliseDims(dims);
        long count = 1;
        for (int k : d) {
            count *= value.size(k);
        }
        return sum(d).div((double) count);
    }

    private int[] normaliseDims(int[] dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("at least one dimension is needed; use sum() for all elements");
        }
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = dims[i] < 0 ? dims[i] + rank() : dims[i];
            if (d[i] < 0 || d[i] >= rank()) {
                throw new IllegalArgumentException("dimension " + dims[i] + " out of range for shape "
                        + Arrays.toString(shape()));
            }
        }
        Arrays.sort(d);
        return d;
    }

    // ------------------------------------------------------------------ shape

    /**
     * Reshapes (row-major). One dimension may be -1.
     *
     * @param newShape the new shape, same number of elements
     * @return the reshaped tensor
     */
    public Tensor reshape(long... newShape) {
        long[] inShape = value.shape();
        INDArray src = Layout.contiguous(value);
        INDArray out;
        try {
            out = src.reshape('c', newShape);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(inShape) + " to "
                    + Arrays.toString(newShape), e);
        }
        Tensor t = fromOp("reshape", out, g -> accumulateGrad(this, Layout.contiguous(g).reshape('c', inShape)),
                this);
        t.spikeValued = spikeValued;
        t.sparseRows = sparseRows;
        return t;
    }

    /**
     * Permutes dimensions.
     *
     * @param order new order of the existing dimensions
     * @return the permuted tensor (contiguous copy)
     */
    public Tensor permute(int... order) {
        if (order.length != rank()) {
            throw new IllegalArgumentException("permute order " + Arrays.toString(order) + " does not match rank "
                    + rank());
        }
        int[] inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverse[order[i]] = i;
        }
        INDArray out = value.permute(order).dup('c');
        Tensor t = fromOp("permute", out, g -> accumulateGrad(this, g.permute(inverse).dup('c')), this);
        t.spikeValued = spikeValued;
        return t;
    }

    /** @return the transpose of a 2-D tensor */
    public Tensor transpose() {
        if (rank() != 2) {
            throw new IllegalArgumentException("transpose() needs a 2-D tensor, got shape "
                    + Arrays.toString(shape()) + "; use permute for higher ranks");
        }
        return permute(1, 0);
    }

    /**
     * Selects one index of dimension 0 (one time step of a [T, B, ...] tensor).
     *
     * @param index the index, 0 &lt;= index &lt; size(0)
     * @return the slice, shape [B, ...]
     */
    public Tensor select(long index) {
        if (rank() < 1 || index < 0 || index >= value.size(0)) {
            throw new IndexOutOfBoundsException("select(" + index + ") on shape " + Arrays.toString(shape()));
        }
        long[] inShape = value.shape();
        long[] outShape = Arrays.copyOfRange(inShape, 1, inShape.length);
        INDArray out = Layout.contiguous(value).reshape('c', inShape[0], -1).getRow(index).dup('c')
                .reshape('c', outShape);
        Tensor t = fromOp("select", out, g -> {
            INDArray full = Nd4j.zeros(value.dataType(), inShape);
            full.reshape('c', inShape[0], -1).getRow(index).assign(Layout.contiguous(g).reshape(1, -1));
            accumulateGrad(this, full);
        }, this);
        t.spikeValued = spikeValued;
        return t;
    }

    /**
     * Stacks equally shaped tensors along a new dimension 0.
     *
     * @param items tensors of shape [B, ...]
     * @return a tensor of shape [items.size(), B, ...]
     */
    public static Tensor stack(List<Tensor> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("stack needs at least one tensor");
        }
        long[] itemShape = items.get(0).shape();
        boolean spikes = true;
        INDArray[] rows = new INDArray[items.size()];
        for (int i = 0; i < rows.length; i++) {
            Tensor t = items.get(i);
            if (!Arrays.equals(t.shape(), itemShape)) {
                throw new IllegalArgumentException("stack: item " + i + " has shape " + Arrays.toString(t.shape())
                        + ", expected " + Arrays.toString(itemShape));
            }
            rows[i] = Layout.contiguous(t.value).reshape('c', 1, t.length());
            spikes &= t.spikeValued;
        }
        long[] outShape = new long[itemShape.length + 1];
        outShape[0] = rows.length;
        System.arraycopy(itemShape, 0, outShape, 1, itemShape.length);
        INDArray out = Nd4j.vstack(rows).reshape('c', outShape);
        Tensor[] parents = items.toArray(new Tensor[0]);
        Tensor t = fromOp("stack", out, g -> {
            INDArray g2 = Layout.contiguous(g).reshape('c', parents.length, -1);
            for (int i = 0; i < parents.length; i++) {
                if (parents[i].requiresGrad) {
                    parents[i].accumulateGrad(g2.getRow(i).dup('c').reshape('c', itemShape));
                }
            }
        }, parents);
        t.spikeValued = spikes;
        return t;
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

    private void requireSameShape(String what, Tensor other) {
        if (!Arrays.equals(value.shape(), other.value.shape())) {
            throw new IllegalArgumentException(what + ": shapes " + Arrays.toString(value.shape()) + " and "
                    + Arrays.toString(other.value.shape()) + " differ");
        }
    }

    @Override
    public String toString() {
        return "Tensor(op=" + op + ", shape=" + Arrays.toString(value.shape()) + ", dtype=" + value.dataType()
                + (requiresGrad ? ", requiresGrad" : "") + ")";
    }
}
