// Reading deploy/azure/ without the Bicep CLI: no npm package runs `bicep build-params` offline
// (bicep-node drives the .NET CLI, which it downloads from GitHub), so the template and its
// parameters file are parsed with tree-sitter-bicep (WebAssembly, no download) and the expressions
// the deployment depends on are evaluated here, for the subset of Bicep the template uses.
// Values only Azure knows (resource ids and properties, uniqueString, the tenant) evaluate to
// a marker «source text»: never empty, and visible in a failing assertion.
export type SyntaxNode = {
    id: number;
    type: string;
    text: string;
    isMissing: boolean;
    parent: SyntaxNode | null;
    children: SyntaxNode[];
    namedChildren: SyntaxNode[];
    startPosition: { row: number; column: number };
    childForFieldName(name: string): SyntaxNode | null;
};

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** A deployment stopped by the template's own fail(...). */
export class TemplateFailure extends Error {}

let parser: { parse(s: string): { rootNode: SyntaxNode } } | undefined;

export async function parseBicep(text: string): Promise<SyntaxNode> {
    if (!parser) {
        const { Parser, Language } = (await import('web-tree-sitter')) as unknown as {
            Parser: { init(): Promise<void>; new (): { setLanguage(l: unknown): void; parse(s: string): { rootNode: SyntaxNode } } };
            Language: { load(path: string): Promise<unknown> };
        };
        await Parser.init();
        const created = new Parser();
        created.setLanguage(await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm')));
        parser = created;
    }
    return parser.parse(text).rootNode;
}

/**
 * A .bicepparam file as the Bicep grammar reads it. tree-sitter-bicep has no rule for an untyped
 * `param name = value`; the value is an ordinary Bicep expression, so each one is read as `var`.
 */
export async function parseBicepParams(text: string): Promise<SyntaxNode> {
    return parseBicep(text.replace(/^param (\w+) =/gm, 'var $1 ='));
}

export const allOfType = (node: SyntaxNode, type: string): SyntaxNode[] => [
    ...(node.type === type ? [node] : []),
    ...node.children.flatMap((c) => allOfType(c, type))
];

export const nameOf = (declaration: SyntaxNode) => declaration.namedChildren.find((c) => c.type === 'identifier')!.text;

/** The value expression of a declaration: its last named child (after the name, type or resource type). */
export const valueOf = (declaration: SyntaxNode) => declaration.namedChildren[declaration.namedChildren.length - 1]!;

export function declarations(root: SyntaxNode, type: string): Map<string, SyntaxNode> {
    return new Map(allOfType(root, type).map((d) => [nameOf(d), d]));
}

const runtime = (node: SyntaxNode) => `«${node.text}»`;
const isRuntime = (v: Value): v is string => typeof v === 'string' && v.includes('«');

interface Scope {
    params: Record<string, Value>;
    env: Record<string, string>;
}

/** Evaluates Bicep expressions of one file: its parameters from `scope`, its variables on demand. */
export class BicepEvaluator {
    private readonly vars: Map<string, SyntaxNode>;
    private readonly resources: Set<string>;

    constructor(
        readonly root: SyntaxNode,
        private readonly scope: Scope
    ) {
        this.vars = declarations(root, 'variable_declaration');
        this.resources = new Set(declarations(root, 'resource_declaration').keys());
    }

    variable(name: string): Value {
        const declaration = this.vars.get(name);
        if (!declaration) throw new Error(`no variable ${name}`);
        return this.evaluate(valueOf(declaration));
    }

    evaluate(node: SyntaxNode, locals: Record<string, Value> = {}): Value {
        const recurse = (n: SyntaxNode) => this.evaluate(n, locals);
        const field = (name: string) => node.childForFieldName(name)!;
        switch (node.type) {
            case 'string':
                return this.interpolate(node, locals);
            case 'number':
                return Number(node.text);
            case 'boolean':
                return node.text === 'true';
            case 'null':
                return null;
            case 'parenthesized_expression':
                return recurse(node.namedChildren[0]!);
            case 'array':
                return node.namedChildren.filter((c) => c.type !== 'comment').map(recurse);
            case 'object':
                return Object.fromEntries(
                    node.namedChildren
                        .filter((c) => c.type === 'object_property')
                        .map((p) => {
                            const [key, value] = p.namedChildren as [SyntaxNode, SyntaxNode];
                            return [key.type === 'string' ? String(recurse(key)) : key.text, recurse(value)];
                        })
                );
            case 'identifier':
                return this.identifier(node, locals);
            case 'member_expression': {
                const quirk = this.ternaryMemberQuirk(node, locals);
                if (quirk !== undefined) return quirk;
                const object = recurse(field('object'));
                if (isRuntime(object)) return runtime(node);
                return (object as Record<string, Value>)[field('property').text] ?? null;
            }
            case 'subscript_expression': {
                const object = recurse(field('object'));
                const index = recurse(field('index'));
                return (object as Record<string, Value>)[String(index)] ?? null;
            }
            case 'ternary_expression': {
                const condition = recurse(field('condition'));
                if (typeof condition !== 'boolean') throw new Error(`${node.text.slice(0, 80)}: the condition is not known before deployment`);
                return recurse(field(condition ? 'consequence' : 'alternative'));
            }
            case 'unary_expression': {
                const argument = recurse(field('argument'));
                return node.children[0]!.type === '!' ? !argument : -Number(argument);
            }
            case 'binary_expression':
                return this.binary(node, locals);
            case 'call_expression':
                return this.call(node, locals);
            default:
                throw new Error(`cannot evaluate ${node.type}: ${node.text.slice(0, 80)}`);
        }
    }

    /**
     * tree-sitter-bicep 1.1 reads `c ? a : b.x.y` as `(c ? a : b).x.y`; Bicep means `c ? a : (b.x.y)`.
     * Such a member chain belongs to the alternative alone.
     */
    private ternaryMemberQuirk(node: SyntaxNode, locals: Record<string, Value>): Value | undefined {
        const chain: string[] = [];
        let base = node;
        while (base.type === 'member_expression') {
            chain.unshift(base.childForFieldName('property')!.text);
            base = base.childForFieldName('object')!;
        }
        if (base.type !== 'ternary_expression') return undefined;
        const condition = this.evaluate(base.childForFieldName('condition')!, locals);
        if (typeof condition !== 'boolean') throw new Error(`${node.text.slice(0, 80)}: the condition is not known before deployment`);
        if (condition) return this.evaluate(base.childForFieldName('consequence')!, locals);
        const alternative = base.childForFieldName('alternative')!;
        let value = this.evaluate(alternative, locals);
        for (const [i, property] of chain.entries()) {
            if (isRuntime(value)) return `«${alternative.text}.${chain.join('.')}»`;
            value = (value as Record<string, Value>)[property] ?? null;
            if (i === chain.length - 1) return value;
        }
        return value;
    }

    private identifier(node: SyntaxNode, locals: Record<string, Value>): Value {
        const name = node.text;
        if (name in locals) return locals[name]!;
        if (name in this.scope.params) return this.scope.params[name]!;
        if (this.vars.has(name)) return this.variable(name);
        if (this.resources.has(name)) return runtime(node);
        throw new Error(`unknown identifier ${name}`);
    }

    private interpolate(node: SyntaxNode, locals: Record<string, Value>): string {
        const inner = node.text.slice(1, -1);
        if (node.namedChildren.every((c) => c.type !== 'interpolation')) return inner.replace(/\\'/g, "'").replace(/\\\\/g, '\\');
        return node.namedChildren
            .map((c) => {
                if (c.type === 'interpolation') return String(this.evaluate(c.namedChildren[0]!, locals));
                return c.text.replace(/\\'/g, "'");
            })
            .join('');
    }

    private binary(node: SyntaxNode, locals: Record<string, Value>): Value {
        const operator = node.children[1]!.type;
        const left = this.evaluate(node.childForFieldName('left')!, locals);
        if (operator === '&&' && left === false) return false;
        if (operator === '||' && left === true) return true;
        const right = this.evaluate(node.childForFieldName('right')!, locals);
        if ((isRuntime(left) || isRuntime(right)) && ['==', '!='].includes(operator)) throw new Error(`${node.text}: not known before deployment`);
        switch (operator) {
            case '&&':
            case '||':
                return Boolean(right);
            case '==':
                return JSON.stringify(left) === JSON.stringify(right);
            case '!=':
                return JSON.stringify(left) !== JSON.stringify(right);
            case '<':
                return Number(left) < Number(right);
            case '<=':
                return Number(left) <= Number(right);
            case '>':
                return Number(left) > Number(right);
            case '>=':
                return Number(left) >= Number(right);
            default:
                throw new Error(`cannot evaluate operator ${operator}`);
        }
    }

    private call(node: SyntaxNode, locals: Record<string, Value>): Value {
        const name = node.childForFieldName('function')!.text;
        const argNodes = node.childForFieldName('arguments')!.namedChildren;
        if (name === 'filter') {
            const items = this.evaluate(argNodes[0]!, locals) as Value[];
            const lambda = argNodes[1]!;
            const parameter = lambda.namedChildren[0]!.text;
            return items.filter((item) => this.evaluate(lambda.namedChildren[1]!, { ...locals, [parameter]: item }) === true);
        }
        const args = argNodes.map((a) => this.evaluate(a, locals));
        const text = (i: number) => String(args[i]);
        switch (name) {
            case 'fail':
                throw new TemplateFailure(text(0));
            case 'readEnvironmentVariable': {
                const value = this.scope.env[text(0)];
                if (value !== undefined) return value;
                if (args.length > 1) return args[1]!;
                throw new Error(`environment variable ${text(0)} is not set and has no default`);
            }
            case 'empty':
                return args[0] === null || args[0] === '' || (typeof args[0] === 'object' && Object.keys(args[0]).length === 0);
            case 'string':
                return typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
            case 'length':
                return isRuntime(args[0]!) ? 8 : (args[0] as string | Value[]).length;
            case 'contains':
                return (args[0] as string).includes(text(1));
            case 'substring':
                return text(0).substr(Number(args[1]), Number(args[2]));
            case 'take':
                return isRuntime(args[0]!) ? text(0) : text(0).slice(0, Number(args[1]));
            case 'toLower':
                return isRuntime(args[0]!) ? text(0) : text(0).toLowerCase();
            case 'range':
                return Array.from({ length: Number(args[1]) }, (_, i) => Number(args[0]) + i);
            case 'union':
                return Object.assign({}, ...(args as Record<string, Value>[]));
            case 'concat':
                return (args as Value[][]).flat();
            case 'environment':
                return { suffixes: { storage: 'core.windows.net' } };
            default:
                // resourceGroup(), tenant(), uniqueString(), guid(), subscriptionResourceId(): Azure's to know.
                return runtime(node);
        }
    }
}

/** Parameter values as a deployment sees them: the template's defaults, then the parameters file's. */
export function effectiveParams(template: SyntaxNode, given: Record<string, Value>): Record<string, Value> {
    const params: Record<string, Value> = {};
    const defaults = new BicepEvaluator(template, { params, env: {} });
    for (const [name, declaration] of declarations(template, 'parameter_declaration')) {
        if (name in given) params[name] = given[name]!;
        else if (declaration.namedChildren.length > 2) params[name] = defaults.evaluate(valueOf(declaration));
    }
    return params;
}

/** The decorators written above a parameter, by name: @maxValue(30) as maxValue: [30]. */
export function decoratorsOf(declaration: SyntaxNode): Record<string, Value[]> {
    const previous = declaration.parent!.children[declaration.parent!.children.findIndex((c) => c.id === declaration.id) - 1];
    const list = previous?.type === 'decorators' ? previous.namedChildren : [];
    const evaluator = new BicepEvaluator(declaration.parent!, { params: {}, env: {} });
    return Object.fromEntries(
        list.map((d) => {
            const call = d.namedChildren[0]!;
            return [call.childForFieldName('function')!.text, call.childForFieldName('arguments')!.namedChildren.map((a) => evaluator.evaluate(a))];
        })
    );
}
