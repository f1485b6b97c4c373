package dev.credbroker.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One bash session, fed lines as a user pastes them into a terminal: what one line exports, the next sees.
 * stderr is merged into the output, so a failing line's message is in its result.
 */
final class Shell implements AutoCloseable {
    private final Process bash;
    private final Writer in;
    private final BufferedReader out;

    Shell(Path workingDir) throws IOException {
        bash = new ProcessBuilder("bash", "--noprofile", "--norc").directory(workingDir.toFile())
                .redirectErrorStream(true).start();
        in = new OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8));
    }

    record Result(int code, String output) {
    }

    Result run(String line) throws IOException {
        String marker = "shell-done-" + UUID.randomUUID();
        in.write(line + "\necho \"" + marker + " $?\"\n");
        in.flush();
        StringBuilder output = new StringBuilder();
        for (String got = out.readLine(); got != null; got = out.readLine()) {
            if (got.startsWith(marker + " ")) {
                return new Result(Integer.parseInt(got.substring(marker.length() + 1).strip()), output.toString());
            }
            output.append(got).append('\n');
        }
        throw new IOException("bash ended during: " + line + "\n" + output);
    }

    @Override
    public void close() {
        bash.destroy();
    }
}
