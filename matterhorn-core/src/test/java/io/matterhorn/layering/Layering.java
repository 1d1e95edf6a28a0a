package io.matterhorn.layering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The package layering of matterhorn-core, as ArchUnit rules over a root package (so that the same rules can be
 * shown to fail on a deliberately wrong fixture). From the bottom:
 *
 * <pre>
 *   numeric          plain-array helpers; depends on no other matterhorn package
 *   tensor           autograd tensors; may use numeric
 *   kernel           backend SPI, neuron definitions, pure-Java kernels; may use numeric and tensor
 *   snn.*, model, optim   the modules; may use everything below
 * </pre>
 *
 * and no cycle between any two packages; only {@code nir} and {@code format.nir} (NIR files are HDF5) may use jhdf;
 * {@code neuron} (in matterhorn-runtime) depends on nothing above {@code numeric}.
 */
final class Layering {
    private Layering() {
    }

    /**
     * @param root root package, e.g. {@code io.matterhorn}
     * @return every rule of the layering
     */
    static List<ArchRule> rules(String root) {
        return List.of(
                noClasses().that().resideInAPackage(root + ".numeric..").should().dependOnClassesThat()
                        .resideInAnyPackage(root + ".tensor..", root + ".kernel..", root + ".snn..",
                                root + ".model..", root + ".optim..")
                        .because("numeric helpers sit below tensor"),
                noClasses().that().resideInAPackage(root + ".tensor..").should().dependOnClassesThat()
                        .resideInAnyPackage(root + ".kernel..", root + ".snn..", root + ".model..",
                                root + ".optim..")
                        .because("tensor sits below the kernel SPI and the modules"),
                noClasses().that().resideInAPackage(root + ".kernel..").should().dependOnClassesThat()
                        .resideInAnyPackage(root + ".snn..", root + ".model..", root + ".optim..")
                        .because("the kernel SPI depends on neither snn.soma nor snn.surrogate"),
                slices().matching(root + ".(**)").should().beFreeOfCycles()
                        .because("packages must not form cycles"),
                noClasses().that().resideOutsideOfPackages(root + ".nir..", root + ".format.nir..").should()
                        .dependOnClassesThat().resideInAPackage("io.jhdf..")
                        .because("only the NIR packages (core's interchange, the shared file reader) may use jhdf"),
                noClasses().that().resideInAPackage(root + ".neuron..").should().dependOnClassesThat()
                        .resideInAnyPackage(root + ".tensor..", root + ".kernel..", root + ".snn..",
                                root + ".runtime..", root + ".format..", "org.nd4j..")
                        .because("the neuron definitions depend on nothing above numeric"));
    }
}
