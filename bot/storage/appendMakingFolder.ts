// Appends to a file, making its folder when it is missing (the first write, or an operator removed
// it while the bot ran). The folder is made only when the append says it is missing, so an
// ordinary append costs no mkdir.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function appendMakingFolder(file: string, text: string): Promise<void> {
    try {
        await appendFile(file, text, 'utf8');
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, text, 'utf8');
    }
}
