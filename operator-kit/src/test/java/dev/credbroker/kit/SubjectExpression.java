package dev.credbroker.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jwt.tf's {@code sub = var.subject_format == "otf" ? format(…) : format(…)}, evaluated for one workspace and
 * phase. hcl4j can't evaluate a for expression, so the line is read as text and its two {@code format} calls
 * are applied here with Terraform's {@code %s} semantics.
 */
final class SubjectExpression {
    private static final Pattern LINE = Pattern.compile(
            "(?m)^\\s*sub\\s*=\\s*var\\.subject_format == \"(\\w+)\" \\? (format\\(.*\\)) : (format\\(.*\\))\\s*$");
    private static final Pattern FORMAT = Pattern.compile("format\\(\"([^\"]*)\",\\s*([^()]*)\\)");

    private final String chosenBy;
    private final String whenChosen;
    private final String otherwise;

    private SubjectExpression(String chosenBy, String whenChosen, String otherwise) {
        this.chosenBy = chosenBy;
        this.whenChosen = whenChosen;
        this.otherwise = otherwise;
    }

    static SubjectExpression in(String terraformText) {
        Matcher m = LINE.matcher(terraformText);
        if (!m.find()) {
            throw new AssertionError("no 'sub = var.subject_format == \"…\" ? format(…) : format(…)' line");
        }
        return new SubjectExpression(m.group(1), m.group(2), m.group(3));
    }

    /** The sub for {@code subject_format = format}, with the references in {@code values} resolved. */
    String evaluate(String format, Map<String, String> values) {
        return apply(format.equals(chosenBy) ? whenChosen : otherwise, values);
    }

    private static String apply(String call, Map<String, String> values) {
        Matcher m = FORMAT.matcher(call);
        if (!m.matches()) {
            throw new AssertionError("not a format(\"…\", args) call: " + call);
        }
        List<String> args = new ArrayList<>();
        for (String ref : m.group(2).split(",")) {
            String value = values.get(ref.strip());
            if (value == null) {
                throw new AssertionError("unknown reference " + ref.strip() + " in " + call);
            }
            args.add(value);
        }
        String template = m.group(1);
        long verbs = Pattern.compile("%s").matcher(template).results().count();
        if (verbs != args.size()) {
            // Terraform's format() fails on this too, at plan time
            throw new AssertionError(verbs + " %s verbs but " + args.size() + " arguments in " + call);
        }
        return String.format(template, args.toArray());
    }
}
