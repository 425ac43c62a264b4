// npm run agent:link -- <name> [--url <address of the bot>] [--minutes <n>]
// Prints a one-time sign-in link for the Web Chat agent <name> (listed in HANDOFF_AGENT_IDS as
// webchat:<name>), signed with the key the bot uses (the same environment: SIGN_IN_SECRET,
// DIRECT_LINE_SECRET or DATA_DIR/sign-in.key). Send it to the agent over a channel you trust:
// whoever opens it first, within the minutes given, is signed in as that agent.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { agentNamePattern, webChatAgentNames } from '../handoff/agentEntries';
import { agentSignInLink, defaultLinkMinutes } from './agentSignIn';
import { loadSigningKey } from './signing';

const usage = 'usage: npm run agent:link -- <name> [--url <address of the bot, default http://localhost:PORT>] [--minutes <1-60, default 10>]';

/** The command, callable in-process (tests): returns the exit code. */
export function runAgentLink(
    args: string[],
    env: Record<string, string | undefined> = process.env,
    print: (line: string) => void = console.log,
    printError: (line: string) => void = console.error
): number {
    let values: { url?: string; minutes?: string; help?: boolean };
    let positionals: string[];
    try {
        ({ values, positionals } = parseArgs({ args, options: { url: { type: 'string' }, minutes: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
    } catch (err) {
        printError(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
        return 2;
    }
    if (values.help) {
        print(usage);
        return 0;
    }
    const name = positionals[0]?.trim().toLowerCase() ?? '';
    if (positionals.length !== 1 || !agentNamePattern.test(name)) {
        printError(`give one agent name (1 to 40 letters, digits, "_" or "-")\n${usage}`);
        return 2;
    }
    const minutes = values.minutes === undefined ? defaultLinkMinutes : Number(values.minutes);
    if (!Number.isFinite(minutes) || minutes < 1 || minutes > 60) {
        printError(`--minutes must be a number from 1 to 60\n${usage}`);
        return 2;
    }
    let config;
    try {
        config = loadConfig(env);
    } catch (err) {
        if (err instanceof ConfigError) {
            printError(err.message);
            return 1;
        }
        throw err;
    }
    if (!webChatAgentNames(config.HANDOFF_AGENT_IDS).has(name)) {
        printError(`"${name}" is not a Web Chat agent: add webchat:${name} to HANDOFF_AGENT_IDS (of this command and of the bot), then run this again.`);
        return 1;
    }
    const baseUrl = values.url ?? `http://localhost:${config.PORT}`;
    if (!/^https?:\/\/[^/?#]+\/?$/.test(baseUrl)) {
        printError(`--url must be the bot's address, such as https://bot.example.com\n${usage}`);
        return 2;
    }
    print(agentSignInLink(loadSigningKey(config), name, baseUrl, { minutes }));
    print(`One use, within ${minutes} minutes. Whoever opens it first is signed in as ${name} on that browser for 12 hours.`);
    return 0;
}

if (require.main === module) process.exitCode = runAgentLink(process.argv.slice(2));
