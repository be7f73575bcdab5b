package dev.sextant.core.space;

import java.util.LinkedHashMap;
import java.util.Map;

/** Recursive-descent parser for linear constraints: {@code sum <= sum} or {@code sum >= sum}. */
final class ConstraintParser {
    private final String text;
    private int pos;

    private ConstraintParser(String text) {
        this.text = text;
    }

    static LinearConstraint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSearchSpaceException("parameter constraint is empty; write e.g. \"2*lr + wd <= 0.1\"");
        }
        return new ConstraintParser(text).constraint();
    }

    private InvalidSearchSpaceException error(String what) {
        return new InvalidSearchSpaceException("cannot parse parameter constraint \"" + text + "\" at position " + (pos + 1)
                + ": " + what + " (write e.g. \"2*lr + wd <= 0.1\" or \"a <= b\")");
    }

    private LinearConstraint constraint() {
        Map<String, Double> lhs = new LinkedHashMap<>();
        double[] constant = {0};
        side(lhs, constant, 1.0);
        skipSpaces();
        boolean greater;
        if (text.startsWith("<=", pos)) {
            greater = false;
        } else if (text.startsWith(">=", pos)) {
            greater = true;
        } else if (pos >= text.length()) {
            throw error("missing '<=' or '>='");
        } else {
            throw error("expected '<=' or '>=' but found '" + text.charAt(pos) + "'");
        }
        pos += 2;
        side(lhs, constant, -1.0);
        skipSpaces();
        if (pos < text.length()) {
            throw error("unexpected '" + text.substring(pos) + "'");
        }
        // lhs + constant <= 0  (or >= 0)
        Map<String, Double> coefficients = new LinkedHashMap<>();
        double sign = greater ? -1.0 : 1.0;
        for (Map.Entry<String, Double> e : lhs.entrySet()) {
            if (e.getValue() != 0.0) {
                coefficients.put(e.getKey(), sign * e.getValue());
            }
        }
        if (coefficients.isEmpty()) {
            pos = 0;
            throw error("no parameter is left once the terms are collected");
        }
        return new LinearConstraint(coefficients, -sign * constant[0]);
    }

    /** Parses a sum of terms and adds it, times factor, to coefficients / constant. */
    private void side(Map<String, Double> coefficients, double[] constant, double factor) {
        boolean firstTerm = true;
        while (true) {
            skipSpaces();
            double sign = 1.0;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                sign = text.charAt(pos) == '-' ? -1.0 : 1.0;
                pos++;
                skipSpaces();
            } else if (!firstTerm) {
                return;
            }
            term(coefficients, constant, sign * factor);
            firstTerm = false;
        }
    }

    private void term(Map<String, Double> coefficients, double[] constant, double factor) {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("expected a number or a parameter name");
        }
        char ch = text.charAt(pos);
        if (Character.isDigit(ch) || ch == '.') {
            double value = number();
            skipSpaces();
            boolean star = pos < text.length() && text.charAt(pos) == '*';
            if (star) {
                pos++;
                skipSpaces();
            }
            if (pos < text.length() && isIdentifierStart(text.charAt(pos))) {
                String name = identifier();
                coefficients.merge(name, factor * value, Double::sum);
            } else if (star) {
                throw error("expected a parameter name after '*'");
            } else {
                constant[0] += factor * value;
            }
        } else if (isIdentifierStart(ch)) {
            String name = identifier();
            skipSpaces();
            double value = 1.0;
            if (pos < text.length() && text.charAt(pos) == '*') {
                pos++;
                skipSpaces();
                value = number();
            }
            coefficients.merge(name, factor * value, Double::sum);
        } else {
            throw error("expected a number or a parameter name but found '" + ch + "'");
        }
    }

    private double number() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && pos > start
                    && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E');
            if (Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        if (start == pos) {
            throw error("expected a number");
        }
        try {
            double v = Double.parseDouble(text.substring(start, pos));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + text.substring(start, Math.min(text.length(), start + 24)) + "' is not a finite number");
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '.')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
