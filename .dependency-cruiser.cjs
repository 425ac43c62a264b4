// The layer rule (README "How the code is layered"): dependencies point one way, from the host
// down to the data. `npm test` runs this; a back-edge fails the suite.
//   knowledge/ <- bot/nlu/ (the classifier), bot/privacy/ <- dialogs/ <- the rest of bot/ (the host)
//   tools/ and test/ may import anything; nothing in the runtime imports them.
const runtime = '^(bot|dialogs|knowledge)/';
const host = '^bot/(?!nlu/|privacy/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
    forbidden: [
        {
            name: 'knowledge-is-the-bottom',
            comment: 'knowledge/ is data plus its schema and loader: it imports nothing of ours above it.',
            severity: 'error',
            from: { path: '^knowledge/' },
            to: { path: '^(bot|dialogs|tools|test)/' }
        },
        {
            name: 'classifier-and-privacy-below-dialogs',
            comment: 'bot/nlu/ and bot/privacy/ sit below the dialogs: they may import only knowledge/ and each other.',
            severity: 'error',
            from: { path: '^bot/(nlu|privacy)/' },
            to: { path: '^(dialogs|tools|test)/|' + host }
        },
        {
            name: 'dialogs-below-the-host',
            comment: 'dialogs/ may import knowledge/, bot/nlu/ and bot/privacy/, never the host (the rest of bot/).',
            severity: 'error',
            from: { path: '^dialogs/' },
            to: { path: host + '|^(tools|test)/' }
        },
        {
            name: 'runtime-never-imports-tools-or-tests',
            comment: 'tools/ and test/ import the runtime, never the other way round: dist/ and the image hold the runtime only.',
            severity: 'error',
            from: { path: runtime },
            to: { path: '^(tools|test)/' }
        },
        {
            name: 'no-cycles-in-the-runtime',
            comment: 'A cycle between runtime modules hides which one is the lower layer.',
            severity: 'error',
            from: { path: runtime },
            to: { circular: true, viaOnly: { path: runtime } }
        }
    ],
    options: {
        doNotFollow: { path: 'node_modules' },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: 'tsconfig.json' },
        exclude: { path: '^(dist|node_modules)/' }
    }
};
