// Published results to compare against, copied from benchmarks/nlu/README.md in the shared folder
// (Braun et al. 2017 via the nlp.js and Botfuel benchmarks; Larson et al. 2019, Table 2).

export const braunPublished = [
    { system: 'NLP.js v3', chatbot: 0.99, askubuntu: 0.94, webapplications: 0.8, overall: 0.93 },
    { system: 'IBM Watson', chatbot: 0.97, askubuntu: 0.92, webapplications: 0.83, overall: 0.92 },
    { system: 'Microsoft LUIS', chatbot: 0.98, askubuntu: 0.9, webapplications: 0.81, overall: 0.91 },
    { system: 'Rasa', chatbot: 0.98, askubuntu: 0.86, webapplications: 0.74, overall: 0.88 },
    { system: 'Dialogflow (API.ai)', chatbot: 0.93, askubuntu: 0.85, webapplications: 0.8, overall: 0.87 }
] as const;

/** Measured on this stack by whoever wrote the README: overall accuracy only. */
export const braunMeasuredElsewhere = [
    { system: 'natural LogisticRegressionClassifier', overall: 0.898 },
    { system: 'natural BayesClassifier', overall: 0.843 },
    { system: 'nlp.js v4', overall: 0.931 }
] as const;

/** In-scope accuracy / out-of-scope recall, in percent. */
export const clincPublished = [
    { method: 'BERT', oosTrain: [96.9, 40.3], oosThreshold: [96.2, 52.3] },
    { method: 'MLP', oosTrain: [93.5, 47.4], oosThreshold: [93.4, 49.1] },
    { method: 'Dialogflow', oosTrain: [91.7, 14.0], oosThreshold: [90.8, 26.7] },
    { method: 'Rasa', oosTrain: [91.5, 45.3], oosThreshold: [90.9, 31.2] },
    { method: 'SVM', oosTrain: [91.0, 14.5], oosThreshold: [88.2, 18.0] },
    { method: 'FastText', oosTrain: [89.0, 9.7], oosThreshold: [88.6, 28.3] }
] as const;

export const clincMeasuredElsewhere = [
    { method: 'natural BayesClassifier', result: '81.3 / 1.6 (about 9 s to train, 3 ms an utterance)' },
    { method: 'natural LogisticRegressionClassifier', result: 'does not finish training (463 s at 1,100 utterances)' },
    { method: 'nlp.js v4', result: '88.7 / 12.8 (about 100 s to train)' }
] as const;
