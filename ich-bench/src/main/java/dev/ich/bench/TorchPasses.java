package dev.ich.bench;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.model.train.StepParts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PyTorch's side of {@code ich bench --python}: a running {@code tools/bench/model_torch.py
 * --serve} that times one inference or training pass per request. Keeping it running lets the
 * benchmark alternate ich's passes with PyTorch's, so both meet the same machine: on a shared
 * machine the speed drifts by more than the difference being measured (PyTorch's step took 5.9 s
 * and then 3.8 s a few minutes apart).
 */
final class TorchPasses implements AutoCloseable {

    private final Process process;
    private final BufferedReader replies;
    private final Writer requests;
    private final String command;
    private final Map<String, String> header = new LinkedHashMap<>();

    /**
     * The script's last line, shown if it stops: a Python error's last line says what went wrong.
     */
    private String lastLine = "";

    private final List<StepParts> trainParts = new ArrayList<>();

    private TorchPasses(Process process, String command) {
        this.process = process;
        this.command = command;
        this.replies =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts the script and waits until it has built its network (its {@code ready} line). */
    static TorchPasses start(ModelBenchmark.Settings s) throws IchException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                s.python().toString(),
                                s.torchScript().toString(),
                                "--serve",
                                "--shape",
                                s.d() + "x" + s.h() + "x" + s.w(),
                                "--width",
                                String.valueOf(s.width()),
                                "--depth",
                                String.valueOf(s.depthLayers()),
                                "--threads",
                                String.valueOf(s.threads())));
        String shown = String.join(" ", command);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    s.python().toString(),
                    "cannot be run (" + e.getMessage() + ")",
                    "Give a python with torch via --python",
                    e);
        }
        TorchPasses torch = new TorchPasses(process, shown);
        try {
            for (String line = torch.reply(); !line.equals("ready"); line = torch.reply()) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    torch.header.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IchException e) {
            torch.close();
            throw e;
        }
        return torch;
    }

    /** What the script printed before {@code ready} (its torch version and thread count). */
    Map<String, String> header() {
        return header;
    }

    /** One timed inference pass (batch 1). */
    BenchStats.Timing inference() throws IchException {
        return timing(request("inference"));
    }

    /** One timed training step (batch 2); its parts are added to {@link #trainParts()}. */
    BenchStats.Timing train() throws IchException {
        String reply = request("train");
        trainParts.add(
                new StepParts(
                        Double.parseDouble(value(reply, "forward_ms")),
                        Double.parseDouble(value(reply, "backward_ms")),
                        Double.parseDouble(value(reply, "update_ms"))));
        return timing(reply);
    }

    /** The parts of every training step so far, in order. */
    List<StepParts> trainParts() {
        return trainParts;
    }

    /** The script's peak resident memory so far (VmHWM), MB. */
    double peakRssMb() throws IchException {
        return Double.parseDouble(value(request("rss"), "peak_rss_mb"));
    }

    private BenchStats.Timing timing(String reply) throws IchException {
        return new BenchStats.Timing(
                Double.parseDouble(value(reply, "ms")), Double.parseDouble(value(reply, "cpu_ms")));
    }

    private String request(String request) throws IchException {
        try {
            requests.write(request + "\n");
            requests.flush();
        } catch (IOException e) {
            throw failed("stopped taking requests (" + e.getMessage() + ")", e);
        }
        return reply();
    }

    private String reply() throws IchException {
        try {
            String line = replies.readLine();
            if (line == null) {
                throw failed(
                        "ended early"
                                + (lastLine.isBlank()
                                        ? ""
                                        : " (last output: " + lastLine.trim() + ")"),
                        null);
            }
            lastLine = line;
            return line;
        } catch (IOException e) {
            throw failed("could not be read (" + e.getMessage() + ")", e);
        }
    }

    /** The value of {@code key} in a reply of {@code key=value} fields separated by spaces. */
    private String value(String reply, String key) throws IchException {
        for (String field : reply.trim().split(" ")) {
            if (field.startsWith(key + "=")) {
                return field.substring(key.length() + 1);
            }
        }
        throw failed("answered '" + reply + "' without " + key, null);
    }

    private IchException failed(String what, Exception cause) {
        return new IchException(
                ErrorCode.IO_ERROR,
                command,
                "the PyTorch benchmark " + what,
                "Run it by hand to see why; it needs torch and numpy for this python",
                cause);
    }

    /** Ends the script: end of input, then a few seconds' grace before it is killed. */
    @Override
    public void close() {
        try {
            requests.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
