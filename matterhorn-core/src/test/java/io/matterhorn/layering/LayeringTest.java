package io.matterhorn.layering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Enforces {@link Layering} on the production classes of matterhorn-core, and shows on a fixture (a class in a
 * {@code kernel} package that uses one in {@code snn.soma}, which uses it back) that the rules do fail on a
 * wrong-way dependency and on a cycle.
 */
class LayeringTest {

    @Test
    void coreFollowsTheLayering() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.matterhorn");
        for (ArchRule rule : Layering.rules("io.matterhorn")) {
            rule.check(core);
        }
    }

    @Test
    void kernelToSomaAndCyclesAreRejected() {
        String root = "io.matterhorn.fixture.layering";
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        List<ArchRule> rules = Layering.rules(root);
        EvaluationResult wrongWay = rules.get(2).evaluate(fixture);
        assertTrue(wrongWay.hasViolation(), "kernel -> snn.soma must be reported");
        assertTrue(wrongWay.getFailureReport().toString().contains("BadKernel"));
        assertTrue(rules.get(3).evaluate(fixture).hasViolation(), "the kernel <-> snn.soma cycle must be reported");
    }
}
