-- Generated from the model — do not edit (PostgresInitRenderer).
-- Regenerate with: mvn -q compile exec:java -Dexec.args=render
-- The databases the nightly pg_dump captures. The postgres image runs this once, through psql,
-- on an empty data directory; \gexec makes each CREATE conditional so a rerun by hand is harmless.
SELECT 'CREATE DATABASE "n8n"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'n8n')\gexec
SELECT 'CREATE DATABASE "litellm"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'litellm')\gexec
SELECT 'CREATE DATABASE "vpai"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'vpai')\gexec
