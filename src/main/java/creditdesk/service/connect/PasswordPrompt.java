package creditdesk.service.connect;

/** Asks a person for a password; answers null when nobody can be asked (no terminal). */
@FunctionalInterface
public interface PasswordPrompt {
  PasswordPrompt NONE = prompt -> null;

  char[] ask(String prompt);
}
