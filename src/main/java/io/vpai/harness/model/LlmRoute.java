package io.vpai.harness.model;

/**
 * A model name LiteLLM offers its callers, and the provider model it is routed to (sections 1.5 and 4:
 * "Anthropic / OpenRouter"). The provider's API key is a secret of the litellm service.
 *
 * @param alias         what a caller puts in {@code "model"}: {@code claude-sonnet}
 * @param provider      who answers it
 * @param upstreamModel the provider's own name for it: {@code claude-sonnet-4-20250514}
 */
public record LlmRoute(String alias, Provider provider, String upstreamModel) {

    /** The providers the architecture names, as LiteLLM addresses them. */
    public enum Provider {
        ANTHROPIC("anthropic", "ANTHROPIC_API_KEY", "ANTHROPIC_API_BASE"),
        OPENROUTER("openrouter", "OPENROUTER_API_KEY", "OPENROUTER_API_BASE");

        private final String prefix;
        private final String keyVariable;
        private final String baseVariable;

        Provider(String prefix, String keyVariable, String baseVariable) {
            this.prefix = prefix;
            this.keyVariable = keyVariable;
            this.baseVariable = baseVariable;
        }

        /** LiteLLM's provider prefix: {@code anthropic/claude-…}. */
        public String prefix() {
            return prefix;
        }

        /** The litellm service's secret holding this provider's API key. */
        public String keyVariable() {
            return keyVariable;
        }

        /**
         * The variable LiteLLM reads the provider's base URL from when set: unset in production (the
         * provider's public API), the LLM provider fixture in a test environment.
         */
        public String baseVariable() {
            return baseVariable;
        }
    }

    public LlmRoute {
        Names.require("LLM route", alias);
        if (provider == null) {
            throw new ModelException("LLM route '" + alias + "': provider is missing");
        }
        Names.nonBlank("upstream model of LLM route '" + alias + "'", upstreamModel);
        if (upstreamModel.startsWith("/") || upstreamModel.chars().anyMatch(Character::isWhitespace)) {
            throw new ModelException("LLM route '" + alias + "': upstream model '" + upstreamModel
                    + "' must be the provider's model name (no leading '/', no spaces)");
        }
    }

    /** What LiteLLM's {@code litellm_params.model} says: {@code anthropic/claude-sonnet-4-20250514}. */
    public String litellmModel() {
        return provider.prefix() + "/" + upstreamModel;
    }
}
