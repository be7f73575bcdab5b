package dev.sextant.acquisition.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class LogEiHelperTest {

    @Test
    void normalCdfMatchesCommonsMathAcrossTheRange() {
        for (double z = -12; z <= 9; z += 0.037) {
            double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            double expected = 0.5 * Erf.erfc(-z / Math.sqrt(2));
            assertEquals(expected, SafeMath.cdf(z, pdf), 1e-11 * expected, "z = " + z);
        }
    }

    @Test
    void logEiAndItsDerivativeMatchDefinitionAndDifferences() {
        double[] h = new double[2];
        double[] hp = new double[2];
        double[] hm = new double[2];
        for (double z = -30; z <= 6; z += 0.0913) {
            SafeMath.logEiHelperAndDerivative(z, h);
            if (z > -8) {
                double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
                double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
                assertEquals(Math.log(pdf + z * cdf), h[0], 1e-7 * Math.max(1, Math.abs(h[0])), "z = " + z);
            }
            SafeMath.logEiHelperAndDerivative(z + 1e-6, hp);
            SafeMath.logEiHelperAndDerivative(z - 1e-6, hm);
            assertEquals((hp[0] - hm[0]) / 2e-6, h[1], 1e-5 * Math.max(1, Math.abs(h[1])), "z = " + z);
        }
    }
}
