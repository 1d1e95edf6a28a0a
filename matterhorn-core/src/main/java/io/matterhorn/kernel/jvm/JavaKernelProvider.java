package io.matterhorn.kernel.jvm;

import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.StdpKernels;
import io.matterhorn.kernel.KernelProvider;
import io.matterhorn.kernel.Availability;

import io.matterhorn.numeric.Parallel;

/** The pure-Java backend ("java", rank 10): always available, the reference for the others. */
public final class JavaKernelProvider implements KernelProvider {
    private static final SomaKernels SOMA = new JavaSomaKernels();
    private static final StdpKernels STDP = new JavaStdpKernels();

    @Override
    public String name() {
        return "java";
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public Availability availability() {
        return Availability.yes("pure Java, " + Parallel.threads() + " threads");
    }

    @Override
    public SomaKernels somaKernels() {
        return SOMA;
    }

    @Override
    public StdpKernels stdpKernels() {
        return STDP;
    }
}
