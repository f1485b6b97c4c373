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
import java.time.Duration;
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
 * errors never quote them. Needs no application context.
 *
 * <p>STS credentials can't be renewed and a long apply outlives them: when they expire within
 * {@code --refresh-within} (or have expired), the command asks the broker that opened the phase (as phase.json
 * names it) for fresh ones, rewrites the credentials file, {@value PhaseDirectory#ENV_FILE} and phase.json
 * atomically, and prints the new ones. Concurrent calls (one per Terraform provider process) queue on the
 * directory's lock and the later ones find the refresh done. If the broker can't be asked, credentials still
 * valid are printed with a warning on stderr; expired ones are an error.
 */
@Command(name = "aws-credential-process", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print an open phase's AWS credentials as AWS credential_process JSON (for an AWS profile), "
                + "refreshed through the broker near expiry.",
                "phase open writes DIR/" + AwsCredentialProcessCommand.CONFIG_FILE + " with a profile per AWS "
                        + "configuration; point AWS_CONFIG_FILE at it."})
public class AwsCredentialProcessCommand implements Callable<Integer> {
    /** The AWS config file {@code phase open} writes next to the credentials (no secret in it). */
    public static final String CONFIG_FILE = "aws-config";
    /** SLEEP_SECONDS' ceiling: a refreshed credential's usable_after further out than this is not waited for. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(1500);

    @Spec
    CommandSpec spec;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "the directory 'phase open' wrote")
    Path outDir;

    @Option(names = "--tag", paramLabel = "TAG", defaultValue = "",
            description = "the tagged AWS configuration (TFC_VAULT_BACKED_AWS_AUTH_<TAG>); default: the default one")
    String tag;

    @Option(names = "--refresh-within", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "ask the broker for fresh credentials once these expire within DURATION (default: "
                    + "${DEFAULT-VALUE})")
    Duration refreshWithin;

    Clock clock = Clock.systemUTC();

    /** What DIR holds for the configuration: its phase.json entry and the keys of its credentials file. */
    private record Current(Map<String, Object> phase, Map<String, Object> entry, Map<String, String> profile,
                           Instant expiresAt) {
        @Override
        public String toString() {
            return "Current[" + entry.get("tag") + "]";
        }
    }

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
        Current current = read(dir);
        if (dueForRefresh(current) && current.phase().get("refresh") != null) {
            try (AutoCloseable locked = dir.lock()) {
                current = read(dir); // another provider process may have refreshed while this one waited
                if (dueForRefresh(current)) {
                    current = refresh(dir, current);
                }
            } catch (Exception e) {
                String why = e instanceof PhaseCliException ? e.getMessage()
                        : "cannot lock " + dir.path() + " (" + e.getClass().getSimpleName() + ")";
                if (!current.expiresAt().isAfter(clock.instant())) {
                    throw PhaseCliException.failure("the AWS credentials in " + dir.path() + " expired at "
                            + current.expiresAt() + " and could not be refreshed: " + why);
                }
                spec.commandLine().getErr().println("credbroker: could not refresh the AWS credentials in " + dir.path()
                        + " (" + why + "); printing the current ones, which expire at " + current.expiresAt());
                spec.commandLine().getErr().flush();
            }
        }
        return json(current, dir);
    }

    private boolean dueForRefresh(Current current) {
        return current.expiresAt() != null && !current.expiresAt().isAfter(clock.instant().plus(refreshWithin));
    }

    private Current read(PhaseDirectory dir) {
        Map<String, Object> phase = dir.readPhase();
        Map<String, Object> entry = awsEntry(phase);
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
        if (profile.get("aws_access_key_id") == null || profile.get("aws_secret_access_key") == null) {
            throw PhaseCliException.failure(file + " has no aws_access_key_id and aws_secret_access_key");
        }
        Instant at = null;
        if (entry.get("expires_at") instanceof String expires) {
            try {
                at = Instant.parse(expires);
            } catch (DateTimeParseException e) {
                throw PhaseCliException.failure("--out-dir: " + PhaseDirectory.PHASE_FILE + " has an unreadable expires_at");
            }
        }
        return new Current(phase, entry, profile, at);
    }

    private Map<String, Object> json(Current current, PhaseDirectory dir) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Version", 1);
        out.put("AccessKeyId", current.profile().get("aws_access_key_id"));
        out.put("SecretAccessKey", current.profile().get("aws_secret_access_key"));
        if (current.profile().get("aws_session_token") != null) {
            out.put("SessionToken", current.profile().get("aws_session_token"));
        }
        if (current.expiresAt() != null) {
            if (!current.expiresAt().isAfter(clock.instant())) {
                // an SDK would use them anyway and fail at AWS; say so here instead
                throw PhaseCliException.failure("the AWS credentials in " + dir.path() + " expired at "
                        + current.expiresAt());
            }
            out.put("Expiration", current.expiresAt().toString());
        }
        return out;
    }

    /**
     * Fresh credentials from the broker, written as {@code phase open} wrote the old ones: the credentials file, the
     * env file's AWS values, then phase.json's expiry last, so that a crash in between leaves a directory whose
     * next call refreshes again.
     */
    private Current refresh(PhaseDirectory dir, Current current) {
        String phaseId = BrokerClient.checkPhaseId(current.phase().get("phase_id") instanceof String s ? s : null,
                dir.path().resolve(PhaseDirectory.PHASE_FILE).toString());
        BrokerOptions options = BrokerOptions.fromReachable(current.phase().get("refresh"));
        BrokerClient client = new BrokerClient(options.brokerUrl(), options.token(), options.timeout, options.tls());
        Map<String, Object> answer = client.refreshAws(phaseId, tag);
        CredentialLayout layout = CredentialLayout.of(answer.get("credentials"), name -> dir.resolve(name).toString());
        if (layout.aws.size() != 1 || !Objects.equals(layout.aws.get(0).get("tag"), tag)
                || !Objects.equals(layout.aws.get(0).get("credentials_file"), current.entry().get("credentials_file"))) {
            throw PhaseCliException.failure("the broker's refresh answer is not this phase's AWS configuration");
        }
        try {
            for (var file : layout.files.entrySet()) {
                dir.write(file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8));
            }
            Path envFile = dir.path().resolve(PhaseDirectory.ENV_FILE);
            if (!layout.env.isEmpty() && Files.isRegularFile(envFile)) {
                String env = EnvFile.parse(Files.readString(envFile, StandardCharsets.UTF_8)).with(layout.env);
                dir.write(PhaseDirectory.ENV_FILE, env.getBytes(StandardCharsets.UTF_8));
            }
            awaitUsable(answer.get("credentials"));
            Map<String, Object> phase = new LinkedHashMap<>(dir.readPhase());
            List<Object> aws = new ArrayList<>();
            for (Object e : (List<?>) phase.get("aws")) {
                if (e instanceof Map<?, ?> m && Objects.equals(m.get("tag"), tag)) {
                    Map<Object, Object> updated = new LinkedHashMap<>(m);
                    updated.put("expires_at", layout.aws.get(0).get("expires_at"));
                    aws.add(updated);
                } else {
                    aws.add(e);
                }
            }
            phase.put("aws", aws);
            phase.put("heartbeat_by", answer.get("heartbeat_by"));
            dir.write(PhaseDirectory.PHASE_FILE, Json.write(phase).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw PhaseCliException.failure("cannot write the refreshed AWS credentials to " + dir.path() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        return read(dir);
    }

    /** New IAM keys take a while to work at AWS: {@code usable_after} (SLEEP_SECONDS) is this command's wait. */
    private void awaitUsable(Object credentials) {
        if (credentials instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> c
                && c.get("usable_after") instanceof String after) {
            try {
                Duration wait = Duration.between(clock.instant(), Instant.parse(after));
                if (!wait.isNegative() && wait.compareTo(MAX_WAIT) <= 0) {
                    Thread.sleep(wait.toMillis());
                }
            } catch (DateTimeParseException e) {
                throw PhaseCliException.failure("the broker's refresh answer has an unreadable usable_after");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PhaseCliException.failure("interrupted while waiting for the refreshed AWS credentials to work");
            }
        }
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
