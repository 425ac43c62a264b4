// The replies only support agents read: the agent desk works in English whatever the customer's
// language, so a translation leaves these out and the customer's language falls back on English
// for them. Taken from who bot/handoff/ sends each text to; note the look-alikes that reach the
// CUSTOMER and so are translated: handoff.agentJoined, handoff.agentSays, handoff.agentAttachmentNotShown
// (support's attachment, told to the customer). A path covers everything below it.
export const agentOnlyReplyPaths: readonly string[] = [
    'handoffSummaryTitle',
    'handoff.agentHelp',
    'handoff.agentQueueEmpty',
    'handoff.agentQueueHeading',
    'handoff.agentNewCustomer',
    'handoff.agentConnected',
    'handoff.agentNotConnected',
    'handoff.agentAlreadyConnected',
    'handoff.agentEnded',
    'handoff.agentCustomerLeft',
    'handoff.agentAvailable',
    'handoff.agentAway',
    'handoff.agentCustomerLeftChat',
    'handoff.agentChatIdleClosed',
    'handoff.customerAttachmentNotShown',
    'handoff.agentCaseTaken',
    'handoff.agentCaseNotWaiting',
    'handoff.agentMessagesEmpty',
    'handoff.agentMessagesHeading',
    'handoff.agentMessageLeftHeading',
    'handoff.agentReplySent',
    'handoff.agentReplyNotDelivered',
    'handoff.agentMessageDone',
    'handoff.agentNoSuchMessage',
    'handoff.agentEndedAs',
    'handoff.agentEndedAskDisposition',
    'handoff.agentDispositionRecorded',
    'handoff.agentTransferred',
    'handoff.agentTransferReceived',
    'handoff.agentTransferWho',
    'handoff.agentTransferNoSuchAgent',
    'handoff.agentTransferAway',
    'handoff.agentTransferBusy',
    'handoff.agentTransferSelf',
    'handoff.agentNobodyAvailable',
    'handoff.agentNoteKept',
    'handoff.agentSwitched',
    'handoff.agentSlaAlert',
    'handoff.agentNotYourChat',
    'handoff.customerSaysInCase',
    'handoff.agentCannedHeading',
    'handoff.agentCannedLine',
    'handoff.agentNoSuchCanned',
    'handoff.agentUnknownDisposition',
    'handoff.agentCard'
];

/** Whether the reply at this dotted path (`handoff.agentCard.title`) is read by agents only. */
export const isAgentOnlyReply = (path: string): boolean => agentOnlyReplyPaths.some((p) => path === p || path.startsWith(`${p}.`));
