// What agents call a case. Positions in the queue move while an agent reads them, so every row,
// notification and button names the case itself; the label is the random tail of the case id
// (dialogs/caseFile.ts), short enough to type and safe in markdown (letters and digits only).
export function caseLabel(caseId: string): string {
    const tail = caseId.slice(caseId.lastIndexOf('-') + 1).replace(/[^A-Za-z0-9]/g, '');
    return (tail || caseId.replace(/[^A-Za-z0-9]/g, '') || '?').toUpperCase();
}

/** Whether what an agent typed names this case: its label or its whole id, in any case. */
export function namesCase(typed: string, caseId: string): boolean {
    const t = typed.trim().replace(/^#/, '');
    return t.toUpperCase() === caseLabel(caseId) || t === caseId;
}
