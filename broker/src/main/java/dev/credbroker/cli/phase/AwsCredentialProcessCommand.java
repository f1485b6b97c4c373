package dev.credbroker.cli.phase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code credbroker aws-credential-process --out-dir DIR [--tag TAG]}: the AWS credentials of a phase that
 * {@code phase open} wrote into DIR, as the JSON an AWS SDK expects from a profile's {@code credential_process}
 * ({@code Version} 1, {@code AccessKeyId}, {@code SecretAccessKey}, {@code SessionToken} when there is one,
 * {@code Expiration} in ISO-8601). {@code phase open} writes {@value #CONFIG_FILE}, an AWS config file whose
 * profiles run this command. Printing the credentials is this command's whole job, so stdout is secret here;
 * errors never quote them. Needs no broker and no application context.
 */
@Command(name = "aws-credential-process", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print an open phase's AWS credentials as AWS credential_process JSON (for an AWS profile).",
                "phase open writes DIR/" + AwsCredentialProcessCommand.CONFIG_FILE + " with a profile per AWS "
                        + "configuration; point AWS_CONFIG_FILE at it."})
public class AwsCredentialProcessCommand implements Callable<Integer> {
    /** The AWS config file {@code phase open} writes next to the credentials (no secret in it). */
    public static final String CONFIG_FILE = "aws-config";

    @Spec
    CommandSpec spec;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "the directory 'phase open' wrote")
    Path outDir;

    @Option(names = "--tag", paramLabel = "TAG", defaultValue = "",
            description = "the tagged AWS configuration (TFC_VAULT_BACKED_AWS_AUTH_<TAG>); default: the default one")
    String tag;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().println(Json.write(credentials()));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (PhaseCliException e) {
            spec.commandLine().getErr().println("credbroker: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return e.exitCode();
        }
    }

    private Map<String, Object> credentials() {
        PhaseDirectory dir = PhaseDirectory.existing(outDir);
        Map<String, Object> entry = awsEntry(dir.readPhase());
        String fileName = entry.get("credentials_file") instanceof String f ? f : null;
        if (fileName == null) {
            throw PhaseCliException.badInput("--out-dir: " + PhaseDirectory.PHASE_FILE + " names no AWS credentials file");
        }
        Path file = dir.resolve(fileName);
        Map<String, String> profile;
        try {
            profile = defaultProfile(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw PhaseCliException.badInput("--out-dir: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        String keyId = profile.get("aws_access_key_id");
        String secret = profile.get("aws_secret_access_key");
        if (keyId == null || secret == null) {
            throw PhaseCliException.failure(file + " has no aws_access_key_id and aws_secret_access_key");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Version", 1);
        out.put("AccessKeyId", keyId);
        out.put("SecretAccessKey", secret);
        if (profile.get("aws_session_token") != null) {
            out.put("SessionToken", profile.get("aws_session_token"));
        }
        if (entry.get("expires_at") instanceof String expires) {
            Instant at;
            try {
                at = Instant.parse(expires);
            } catch (DateTimeParseException e) {
                throw PhaseCliException.failure("--out-dir: " + PhaseDirectory.PHASE_FILE + " has an unreadable expires_at");
            }
            if (!at.isAfter(clock.instant())) {
                // an SDK would use them anyway and fail at AWS; say so here instead
                throw PhaseCliException.failure("the AWS credentials in " + dir.path() + " expired at " + at);
            }
            out.put("Expiration", at.toString());
        }
        return out;
    }

    private Map<String, Object> awsEntry(Map<String, Object> phase) {
        if (phase.get("aws") instanceof List<?> entries) {
            for (Object e : entries) {
                if (e instanceof Map<?, ?> m && Objects.equals(m.get("tag"), tag)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> entry = (Map<String, Object>) m;
                    return entry;
                }
            }
        }
        throw PhaseCliException.badInput("--out-dir: the phase in " + outDir + " has no AWS credentials"
                + (tag.isEmpty() ? "" : " tagged " + tag));
    }

    /** The {@code [default]} section of the AWS shared credentials file the broker wrote ({@code key = value}). */
    static Map<String, String> defaultProfile(String ini) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean inDefault = false;
        for (String raw : ini.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                inDefault = line.equals("[default]");
                continue;
            }
            int eq = line.indexOf('=');
            if (inDefault && eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    /**
     * The AWS config file: {@code [default]} for the default configuration, {@code [profile TAG]} for each tagged
     * one, each with a {@code credential_process} running this command on {@code dir}.
     */
    static String config(List<Map<String, Object>> aws, String command, Path dir) {
        StringBuilder text = new StringBuilder("# credbroker: AWS profiles reading this phase's credentials; "
                + "use with AWS_CONFIG_FILE=").append(dir.resolve(CONFIG_FILE)).append('\n');
        for (Map<String, Object> entry : aws) {
            String t = (String) entry.get("tag");
            text.append(t.isEmpty() ? "[default]" : "[profile " + t + "]").append('\n')
                    .append("credential_process = ").append(command).append(" aws-credential-process --out-dir ")
                    .append(CredentialLayout.shellQuote(dir.toString()))
                    .append(t.isEmpty() ? "" : " --tag " + t).append('\n');
        }
        return text.toString();
    }

    /**
     * How to start this CLI again: this JVM with the jar it runs from, or its class path and {@code entryPoint}
     * (the main class, handed down: this package must not name it), tuned for a short-lived process, each word
     * shell-quoted (AWS SDKs run {@code credential_process} through a shell or split it like one).
     */
    static String selfCommand(Optional<Class<?>> entryPoint) {
        List<String> words = new ArrayList<>();
        words.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        words.add("-XX:TieredStopAtLevel=1");
        words.add("-XX:+UseSerialGC");
        Path code;
        try {
            // the broker's own classes: the entry point is among them, so this is the jar it runs from
            code = Path.of(AwsCredentialProcessCommand.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            code = null;
        }
        if (code != null && Files.isRegularFile(code) && code.toString().endsWith(".jar")) {
            words.add("-jar");
            words.add(code.toString());
        } else if (entryPoint.isPresent()) {
            words.add("-cp");
            words.add(System.getProperty("java.class.path"));
            words.add(entryPoint.get().getName());
        } else {
            throw PhaseCliException.badInput("--aws-credential-process: needed when the CLI runs neither from its jar "
                    + "nor from its main class");
        }
        return String.join(" ", words.stream().map(CredentialLayout::shellQuote).toList());
    }
}
