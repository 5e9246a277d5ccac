package creditdesk.cli;

import creditdesk.service.connect.ConnectionResolver;
import creditdesk.service.connect.PasswordPrompt;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process with a given environment, stdin and terminal. */
final class CliRunner {
  record Result(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  final Map<String, String> env = new HashMap<>();
  final List<String> prompts = new ArrayList<>();
  final List<ConnectionResolver.Resolved> consoleOpened = new ArrayList<>();
  private final Path home;
  private String stdin = "";
  private List<String> answers = List.of();

  CliRunner(Path home) {
    this.home = home;
  }

  CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRunner stdin(String text) {
    stdin = text;
    return this;
  }

  /** What the terminal answers to successive prompts; without answers there is no terminal. */
  CliRunner terminal(String... typed) {
    answers = List.of(typed);
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> remaining = new ArrayList<>(answers);
    PasswordPrompt prompt = answers.isEmpty() ? PasswordPrompt.NONE : p -> {
      prompts.add(p);
      return remaining.isEmpty() ? null : remaining.remove(0).toCharArray();
    };
    CliContext context = new CliContext(
        Map.copyOf(env), home, "osuser",
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out), new PrintWriter(err), prompt,
        (target, resolver) -> {
          consoleOpened.add(target);
          return 0;
        },
        mode -> { });
    int code = Cli.run(context, args);
    return new Result(code, out.toString(), err.toString());
  }
}
