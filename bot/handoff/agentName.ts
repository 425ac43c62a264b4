// What a customer and other agents are told an agent is called.

/** A Web Chat agent's name is the one they signed in with, not what their page calls them. */
export function agentNameOf(agentId: string, channelName: string | undefined): string {
    return (agentId.startsWith('webchat:') ? agentId.slice('webchat:'.length) : channelName) || 'An agent';
}
