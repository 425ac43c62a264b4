// ConversationState and UserState that save with the eTag they read. botbuilder's BotState
// saves with eTag '*', so when two instances run turns of one conversation at once the later
// save silently erases the earlier turn. These classes make that second save fail with an
// ETagConflictError instead, which runTurnWithRetry answers by running the turn again on the
// fresh state. Properties, get() and the turn's state cache are botbuilder's own. load() does what
// BotState.load does, into the same cache entry, but without botbuilder's calculateChangeHash
// (which stringified and hashed the state twice more every turn): the change check is a plain
// JSON string of the state (see stateFingerprint).
import { ConversationState, UserState, type BotState, type StoreItem, type Storage, type StorageKeyFactory, type TurnContext } from 'botbuilder';
import { ETagConflictError, isETagConflict } from './eTagConflict';

/** turnState entry: storage keys this attempt of the turn has written (see runTurnWithRetry). */
export const TURN_WRITES = Symbol('optimisticState.turnWrites');

export function turnWrites(context: TurnContext): string[] {
    let writes = context.turnState.get(TURN_WRITES) as string[] | undefined;
    if (!writes) {
        writes = [];
        context.turnState.set(TURN_WRITES, writes);
    }
    return writes;
}

type StateObject = Record<string, unknown>;

/**
 * What the state holds, eTag aside, as the JSON the store will keep. Comparing these strings
 * tells whether a turn changed anything. JSON.stringify of parsed JSON gives back the same
 * string, so the fingerprint of what was written equals that of what a later read returns.
 */
export function stateFingerprint(state: StateObject): string {
    const { eTag: _eTag, ...content } = state;
    return JSON.stringify(content);
}

interface Tracked {
    /** The cached state object this record describes (a new object means a new read). */
    state: StateObject;
    /** The eTag the item was read with; undefined when it did not exist (or is not known). */
    eTag: string | undefined;
    /** stateFingerprint at the last read or save: unchanged state is not written. */
    hash: string;
    /** Set after this turn saved: the fingerprint of what it wrote, whose new eTag the store did not return. */
    writtenHash?: string;
}

/** The eTag bookkeeping shared by both state classes; it reaches the store through the state's own accessors. */
class ETagKeeper {
    private readonly trackKey = Symbol('optimisticState.tracked');

    constructor(
        private readonly owner: BotState,
        private readonly storage: () => Storage,
        private readonly storageKey: StorageKeyFactory,
        /** BotState's own turnState key for its cached state, so get(), clear() and delete() see what load() read. */
        private readonly cacheKey: symbol
    ) {}

    /** BotState.load, with the fingerprint in place of botbuilder's change hash. */
    async load(context: TurnContext, force: boolean): Promise<StateObject> {
        const cached = context.turnState.get(this.cacheKey) as { state?: StateObject } | undefined;
        if (!force && cached?.state) return cached.state;
        const key = await this.storageKey(context);
        const state = ((await this.storage().read([key]))[key] as StateObject | undefined) ?? {};
        const hash = stateFingerprint(state);
        context.turnState.set(this.cacheKey, { state, hash });
        const eTag = typeof state.eTag === 'string' && state.eTag !== '*' ? state.eTag : undefined;
        context.turnState.set(this.trackKey, { state, eTag, hash } satisfies Tracked);
        return state;
    }

    async clear(context: TurnContext, superClear: () => Promise<void>): Promise<void> {
        const before = this.tracked(context);
        await superClear();
        const state = this.owner.get(context) as StateObject;
        // Still the same stored item: keep its eTag, and an empty hash so the cleared state is saved.
        context.turnState.set(this.trackKey, { state, eTag: before?.eTag, hash: '', writtenHash: before?.writtenHash } satisfies Tracked);
    }

    forget(context: TurnContext): void {
        context.turnState.delete(this.trackKey);
    }

    async save(context: TurnContext, force: boolean): Promise<void> {
        const cached = this.owner.get(context) as StateObject | undefined;
        if (!cached && !force) return;
        const state = cached ?? {};
        const tracked = this.tracked(context);
        const hash = stateFingerprint(state);
        if (!force && tracked?.state === state && tracked.hash === hash) return;

        const key = await this.storageKey(context);
        const writes = turnWrites(context);
        let eTag = tracked?.state === state ? tracked.eTag : undefined;
        if (tracked?.writtenHash !== undefined) {
            // A second save in one turn: the store did not tell us the eTag of our first write,
            // so read it back. If it no longer holds what we wrote, someone else wrote since.
            const current = (await this.storage().read([key]))[key] as StoreItem | undefined;
            if (!current || stateFingerprint(current) !== tracked.writtenHash) throw new ETagConflictError(key, [...writes]);
            eTag = current.eTag;
        }
        // No eTag means the item did not exist when read. botbuilder's Storage has no
        // "create only if absent", so a first write is unconditional in every store.
        const item: StoreItem = { ...state, eTag: eTag ?? '*' };
        try {
            await this.storage().write({ [key]: item });
        } catch (err) {
            if (isETagConflict(err)) throw new ETagConflictError(key, [...writes], { cause: err });
            throw err;
        }
        writes.push(key);
        // The store now holds `state` as JSON, whose fingerprint is `hash`: that recognises it on a second save.
        context.turnState.set(this.trackKey, { state, eTag: undefined, hash, writtenHash: hash } satisfies Tracked);
    }

    private tracked(context: TurnContext): Tracked | undefined {
        return context.turnState.get(this.trackKey) as Tracked | undefined;
    }
}

/** BotState keeps its cached state under a private symbol (botbuilder 4.23: `stateKey`). */
function botStateCacheKey(state: BotState): symbol {
    const key = (state as unknown as { stateKey?: unknown }).stateKey;
    if (typeof key !== 'symbol') throw new Error('optimisticState: BotState has no stateKey symbol (botbuilder changed?); update botStateCacheKey');
    return key;
}

/**
 * The same four overrides for both kinds of state: reads remember their eTag, saves use it.
 * A mixin, because ConversationState and UserState differ only in their storage keys.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript requires any[] in a mixin's constructor type
function withETags<TBase extends new (...args: any[]) => BotState>(Base: TBase) {
    return class extends Base {
        private readonly keeper = new ETagKeeper(this, () => this.storage, (context) => this.storageKey(context), botStateCacheKey(this));

        override load(context: TurnContext, force = false): Promise<StateObject> {
            return this.keeper.load(context, force);
        }

        override saveChanges(context: TurnContext, force = false): Promise<void> {
            return this.keeper.save(context, force);
        }

        override clear(context: TurnContext): Promise<void> {
            return this.keeper.clear(context, () => super.clear(context));
        }

        override async delete(context: TurnContext): Promise<void> {
            this.keeper.forget(context);
            await super.delete(context);
        }
    };
}

export class OptimisticConversationState extends withETags(ConversationState) {}
export class OptimisticUserState extends withETags(UserState) {}
