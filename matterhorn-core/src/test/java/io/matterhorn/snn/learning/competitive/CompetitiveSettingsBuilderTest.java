package io.matterhorn.snn.learning.competitive;

import static io.matterhorn.BuilderAssertions.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CompetitiveSettings' builder: the MNIST example's defaults, every setter reaches the settings, messages. */
class CompetitiveSettingsBuilderTest {

    @Test
    void defaultsAreTheMnistExamplesValues() {
        CompetitiveSettings s = CompetitiveSettings.builder(784, 100).build();
        assertEquals(s.toString(), CompetitiveSettings.defaults(784, 100).toString());
        assertEquals("CompetitiveSettings[inputs=784, neurons=100, steps=50, maxRate=0.1, tauM=20.0, threshold=10.0, "
                + "winnerTakeAll=true, inhibition=0.0, thetaPlus=0.25, tauTheta=1.0E7, eta=0.02, xTarget=0.2, "
                + "weightMax=1.0, mu=0.2, tauPre=4.0, weightSum=78.4, minSpikes=5, maxRepeats=3, rateBoost=0.05]",
                s.toString());
        assertEquals(1.6, CompetitiveSettings.builder(16, 2).build().weightSum(), 1e-12, "weight sum inputs / 10");
    }

    @Test
    void everySetterReachesTheSettings() {
        CompetitiveSettings s = CompetitiveSettings.builder(16, 4).steps(30).maxRate(0.3).tauM(10).threshold(3)
                .gradedInhibition(0.7).thetaPlus(0.2).tauTheta(1e6).eta(0.05).xTarget(0.3).weightMax(0.9).mu(0.4)
                .tauPre(3).weightSum(4).minSpikes(2).maxRepeats(1).rateBoost(0.1).build();
        assertEquals(16, s.inputs());
        assertEquals(4, s.neurons());
        assertEquals(30, s.steps());
        assertEquals(0.3, s.maxRate(), 0);
        assertEquals(10, s.tauM(), 0);
        assertEquals(3, s.threshold(), 0);
        assertFalse(s.winnerTakeAll());
        assertEquals(0.7, s.inhibition(), 0);
        assertEquals(0.2, s.thetaPlus(), 0);
        assertEquals(1e6, s.tauTheta(), 0);
        assertEquals(0.05, s.eta(), 0);
        assertEquals(0.3, s.xTarget(), 0);
        assertEquals(0.9, s.weightMax(), 0);
        assertEquals(0.4, s.mu(), 0);
        assertEquals(3, s.tauPre(), 0);
        assertEquals(4, s.weightSum(), 0);
        assertEquals(2, s.minSpikes());
        assertEquals(1, s.maxRepeats());
        assertEquals(0.1, s.rateBoost(), 0);
        assertEquals(s.toString(), s.toBuilder().build().toString(), "toBuilder keeps every value");
        CompetitiveSettings back = s.toBuilder().winnerTakeAll().build();
        assertTrue(back.winnerTakeAll());
        assertEquals(0, back.inhibition(), 0);
    }

    @Test
    void buildNamesTheBadSetting() {
        rejects("inputs must be positive, got 0", () -> CompetitiveSettings.builder(0, 4).build());
        rejects("neurons must be positive, got -1", () -> CompetitiveSettings.builder(16, -1).build());
        rejects("steps must be positive, got 0", () -> CompetitiveSettings.builder(16, 4).steps(0).build());
        rejects("minSpikes must be non-negative, got -1", () -> CompetitiveSettings.builder(16, 4).minSpikes(-1)
                .build());
        rejects("maxRepeats must be non-negative, got -2", () -> CompetitiveSettings.builder(16, 4).maxRepeats(-2)
                .build());
        rejects("maxRate must be in (0, 1], got 1.5", () -> CompetitiveSettings.builder(16, 4).maxRate(1.5).build());
        rejects("rateBoost must be in [0, 1], got -0.1", () -> CompetitiveSettings.builder(16, 4).rateBoost(-0.1)
                .build());
        rejects("tauM must be positive and finite, got 0.0", () -> CompetitiveSettings.builder(16, 4).tauM(0).build());
        rejects("threshold must be finite, got NaN", () -> CompetitiveSettings.builder(16, 4).threshold(Double.NaN)
                .build());
        rejects("weightSum must be positive, got 0.0", () -> CompetitiveSettings.builder(16, 4).weightSum(0).build());
    }
}
