package io.vpai.harness.probe;

import java.util.Optional;

/** What an HTTP probe saw: the status code, or 0 when nothing answered (refused, dropped, reset, TLS failure). */
public record HttpResult(HttpProbe probe, int status) implements ProbeResult {
    public HttpResult {
        if (status != 0 && (status < 100 || status > 999)) {
            throw new IllegalArgumentException("HTTP status " + status + " of " + probe.describe() + " is not three digits");
        }
    }

    /** curl's {@code %{http_code}}: three digits, {@code 000} for no answer. */
    static Optional<HttpResult> parse(HttpProbe probe, String answer) {
        if (!answer.matches("\\d{3}") || (answer.charAt(0) == '0' && !answer.equals("000"))) {
            return Optional.empty();
        }
        return Optional.of(new HttpResult(probe, Integer.parseInt(answer)));
    }

    /** Something answered over HTTP, whatever the status. */
    public boolean answered() {
        return status != 0;
    }

    public boolean serverError() {
        return status >= 500;
    }

    @Override
    public HttpResult http() {
        return this;
    }

    @Override
    public String answer() {
        return String.format("%03d", status);
    }

    @Override
    public String toString() {
        return probe.describe() + ": " + (answered() ? answer() : "no answer (000)");
    }
}
