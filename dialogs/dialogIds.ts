// Dialog and prompt ids, in one place because parents begin children by id.
export const dialogIds = {
    main: 'main',
    route: 'route',
    troubleshoot: 'troubleshoot',
    diagnose: 'diagnose',
    fixSteps: 'fixSteps',
    handoff: 'handoff',
    feedback: 'feedback',
    /** Prompts that accept any text, so the router can take a message that is not one of the buttons. */
    openChoice: 'openChoicePrompt',
    /** Questions answered by button or in the person's own words (see ReplyPrompt). */
    reply: 'replyPrompt'
} as const;
