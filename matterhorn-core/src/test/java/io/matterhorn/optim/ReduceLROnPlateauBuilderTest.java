package io.matterhorn.optim;

import static io.matterhorn.BuilderAssertions.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ReduceLROnPlateau's builder: PyTorch's defaults, every setter reaches the schedule, messages of build(). */
class ReduceLROnPlateauBuilderTest {

    private static SGD sgd() {
        return new SGD(List.of(OptimizerTestSupport.parameter()), 1.0);
    }

    /** @return the settings part of the schedule's state (what the schedule was built with) */
    private static Map<String, Double> settings(ReduceLROnPlateau s) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : s.stateDict().entrySet()) {
            if (!List.of("epoch", "num_bad_epochs", "cooldown_counter", "best").contains(e.getKey())) {
                out.put(e.getKey(), e.getValue().getDouble(0));
            }
        }
        return out;
    }

    private static Map<String, Double> expected(double modeMax, double factor, double patience, double threshold,
            double relative, double cooldown, double minLr) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mode_max", modeMax);
        m.put("factor", factor);
        m.put("patience", patience);
        m.put("threshold", threshold);
        m.put("threshold_relative", relative);
        m.put("cooldown", cooldown);
        m.put("min_lr", minLr);
        return m;
    }

    @Test
    void defaultsAreThoseOfPyTorchAndOfTheOneArgumentConstructor() {
        Map<String, Double> pytorch = expected(0, 0.1, 10, 1e-4, 1, 0, 0);
        assertEquals(pytorch, settings(ReduceLROnPlateau.builder(sgd()).build()));
        assertEquals(pytorch, settings(new ReduceLROnPlateau(sgd())));
        assertEquals(Double.POSITIVE_INFINITY, ReduceLROnPlateau.builder(sgd()).build().best(), "mode min");
    }

    @Test
    void everySetterReachesTheSchedule() {
        ReduceLROnPlateau s = ReduceLROnPlateau.builder(sgd()).maximise(true).factor(0.5).patience(3).threshold(0.01)
                .relativeThreshold(false).cooldown(2).minLr(1e-3).build();
        assertEquals(expected(1, 0.5, 3, 0.01, 0, 2, 1e-3), settings(s));
        assertEquals(Double.NEGATIVE_INFINITY, s.best(), "mode max");
    }

    @Test
    void theSettingsDriveTheCuts() {
        SGD opt = sgd();
        // maximise, absolute threshold 0.1, patience 0, factor 0.5, floor 0.3
        ReduceLROnPlateau s = ReduceLROnPlateau.builder(opt).maximise(true).threshold(0.1).relativeThreshold(false)
                .patience(0).factor(0.5).minLr(0.3).build();
        assertFalse(s.step(0.5));
        assertTrue(s.step(0.55), "0.55 is not above 0.5 + 0.1: one bad epoch > patience 0");
        assertEquals(0.5, opt.learningRate(), 0);
        assertFalse(s.step(0.7), "0.7 is above 0.6");
        assertTrue(s.step(0.7));
        assertEquals(0.3, opt.learningRate(), 1e-15, "the floor");
    }

    @Test
    void buildNamesTheBadSetting() {
        rejects("optimizer must not be null", () -> ReduceLROnPlateau.builder(null).build());
        rejects("factor must be in (0, 1), got 1.0", () -> ReduceLROnPlateau.builder(sgd()).factor(1.0).build());
        rejects("factor must be in (0, 1), got 0.0", () -> ReduceLROnPlateau.builder(sgd()).factor(0).build());
        rejects("patience must be non-negative, got -1", () -> ReduceLROnPlateau.builder(sgd()).patience(-1)
                .build());
        rejects("cooldown must be non-negative, got -2", () -> ReduceLROnPlateau.builder(sgd()).cooldown(-2)
                .build());
        rejects("threshold must be non-negative and finite, got NaN", () -> ReduceLROnPlateau.builder(sgd())
                .threshold(Double.NaN).build());
        rejects("minLr must be non-negative and finite, got -0.1", () -> ReduceLROnPlateau.builder(sgd()).minLr(-0.1)
                .build());
        rejects("minLr must be non-negative and finite, got Infinity", () -> ReduceLROnPlateau.builder(sgd())
                .minLr(Double.POSITIVE_INFINITY).build());
    }
}
