// The words the redactor reads around a number, English and German (the two languages customers
// write). Each list answers one question about the text near a candidate; all match whole,
// lower-cased tokens of the normalised text.

/** Words that say the next number is a secret: "my code is", "PIN:", "Sicherheitscode". */
export const codeWord = new RegExp(
    '^(?:codes?|pins?|pincodes?|passcodes?|passwords?|passwort|kennwort|pw|geheimzahl|geheimnummer|sicherheitscodes?|zugangscodes?|pinnummer|zahlencodes?|' +
        'zahlenkombination|ziffernfolge|digits?|ziffern|combination|kombination|unlock|otp)$'
);

/** Verbs of typing a code in: "I typed 4.8.2.1" is a code even in the shape of a version. */
export const entryWord = /^(?:typed|type|entered|enter|keyed|input|tried|try|put|eingegeben|eingeben|eingetippt|eintippen|getippt|probiert|ausprobiert|versucht)$/;

/** Words that break the link between a code word and a later number ("code fails on my 2019 X5"). */
export const cueBreaker =
    /^(?:in|on|at|for|since|from|with|after|before|until|till|about|and|but|because|or|model|year|years|car|cars|bmw|bought|drive|drove|app|version|update|updated|ios|android|miles|km|call|phone|ring|mobile|number|seit|im|am|mit|und|aber|oder|baujahr|auto|wagen|nummer|handy|telefon)$/;

/** A code word right after a number, or after "is my": "4821 is my code", "(7350) is the pin", "4821 pin". */
export const codeAfter =
    /^[)\]}>"'”’»]*\s*(?:(?:is|was|are|were|ist|war)\s+(?:(?:my|the|our|mein|meine|der|die|das)\s+)?)?(?:security[\s-]|access[\s-])?(?:codes?|pins?|passcodes?|passwords?|passwort|pincodes?|sicherheitscodes?)(?![\p{L}\p{N}])/iu;

/** Words before a dotted number that make it a software version. */
export const versionWord = /^(?:version|versions|ver|v|app|update|updated|upgrade|upgraded|firmware|software|ios|ipados|android|build|release|os|idrive|patch)$/;

/** Words anywhere in a message that make a long number a phone number left for a callback. */
export const phoneWord =
    /(?<![\p{L}])(?:call|calls|called|calling|phone|mobile|cell|tel|telephone|landline|ring|reach|contact|callback|whatsapp|text me|handy|telefon|telefonnummer|rufnummer|rückruf|anrufen|erreichbar)(?![\p{L}])/iu;

/** Words before a short day/month pair that make it a date ("since 12/05"). */
export const dateWord = /^(?:on|since|from|until|till|by|before|after|date|dated|seit|vom|bis|am|ab)$/;

/** An article that may stand between a date word and the date ("seit dem 13.11.", "bis zum 3.5."). */
export const dateArticle = /^(?:the|dem|den|zum)$/;

/**
 * Words that label the number after them as something other than a code: a customer, order or
 * case number, an error code, a postcode, a vehicle identification number ("Kundennummer 123456").
 */
export const labelWord =
    /^(?:(?:kunden|auftrags|bestell|rechnungs|vorgangs|ticket|fall|referenz|vertrags|fahrgestell|serien)(?:nummer|nr)?|plz|postleitzahl|fehlercode|fehlernummer|fin|vin|postcode|zip)$/;

/** Words between a label and its number ("Auftragsnummer ist 4711", "Kunden-Nr. 123456"). */
export const labelFiller = /^(?:ist|lautet|lautete|war|nr|nummer|is|was)$/;

/** A street, with its house number unless that is read with the postcode, just before a postcode ("Leopoldstraße 12, 80331 München"). */
export const streetBefore = /(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|street|road)(?:\s+\d+\s?[a-z]?,)?\s*$/iu;

/** A vehicle identification number: 17 letters and digits, never I, O or Q. */
export const vinToken = /^(?=.*\d)(?=.*[a-z])[a-hj-npr-z0-9]{17}$/;

/** Units and counted things after a number: a mileage, an amount or a duration, not a code. */
export const quantityAfter =
    /^\s?(?:km|kms|kilometers?|kilometres?|kilometer|mi|miles?|mph|kmh|km\/h|k|kg|kw|kwh|hp|ps|bhp|rpm|mb|gb|tb|mah|€|eur|euros?|dollars?|usd|pounds?|gbp|chf|%|percent|prozent|h|hrs?|hours?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|times|uhr|stunden|minuten|tage|wochen|monate|mal|meilen|tkm|tsd)(?![\p{L}\p{N}])/iu;

/** A currency sign right before a number. */
export const currencyBefore = /[£$€¥₹]\s?$/u;

/** BMW model names and drive designations (330e, M340i, 745Le, xDrive50, eDrive40, M50i). */
export const modelName = /^(?:m?[1-8]\d{2}(?:i|d|e|is|xi|xd|le|li|ld|ci|cd|td|sd|l|h)|[esx]drive\d{2}[a-z]{0,2}|m\d{2,3}[a-z]{0,2}|i[x]?\d{1,2}|[xz]\d{1,2}[a-z]?|[efgu]\d{2})$/;

/** Letter-digit tokens that are ordinals, measures, versions or times ("2nd", "45km", "ios17", "10am"). */
export const notCodeToken =
    /^(?:\d+(?:st|nd|rd|th|km|kms|mi|k|kg|kw|kwh|hp|ps|mph|gb|mb|tb|ghz|mhz|am|pm|h|hr|hrs|min|mins|s|sec|secs|ms|x|mah|v|g|l|cm|mm|ft|yrs|y|d|days|uhr|tkm)|(?:v|ios|android|ver|os|idrive|build|fw|win)\d+|[2-6]g)$/;

/** Digits said as words: their values. */
export const digitWords: Record<string, string> = {
    zero: '0', oh: '0', o: '0', nought: '0', nil: '0', null: '0',
    one: '1', eins: '1', ein: '1',
    two: '2', zwei: '2', zwo: '2',
    three: '3', drei: '3',
    four: '4', vier: '4',
    five: '5', fünf: '5', fuenf: '5',
    six: '6', sechs: '6',
    seven: '7', sieben: '7',
    eight: '8', acht: '8',
    nine: '9', neun: '9'
};

/** Tens said as words: their first digit ("forty" 4; "forty eight" 48, "forty" alone 40). */
export const tensWords: Record<string, string> = {
    twenty: '2', thirty: '3', forty: '4', fourty: '4', fifty: '5', sixty: '6', seventy: '7', eighty: '8', ninety: '9',
    zwanzig: '2', dreißig: '3', dreissig: '3', vierzig: '4', fünfzig: '5', fuenfzig: '5', sechzig: '6', siebzig: '7', achtzig: '8', neunzig: '9'
};

/** The German units that open a compound ten: "ein" of "einundzwanzig", "acht" of "achtundvierzig". */
const germanCompoundUnits: Record<string, string> = {
    ein: '1', zwei: '2', zwo: '2', drei: '3', vier: '4', fünf: '5', fuenf: '5', sechs: '6', sieben: '7', acht: '8', neun: '9'
};

/** German says the unit first, as one word: "einundzwanzig" 21, "achtundvierzig" 48. */
const germanCompoundTens: Record<string, string> = Object.fromEntries(
    Object.entries(germanCompoundUnits).flatMap(([unit, u]) =>
        Object.entries(tensWords)
            .filter(([ten]) => /[ßz]ig$/.test(ten))
            .map(([ten, t]) => [`${unit}und${ten}`, t + u])
    )
);

/** Two-digit numbers said as one word ("forty eight twenty one", "achtundvierzig einundzwanzig"). */
export const teensWords: Record<string, string> = {
    ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18', nineteen: '19',
    zehn: '10', elf: '11', zwölf: '12', dreizehn: '13', vierzehn: '14', fünfzehn: '15', fuenfzehn: '15', sechzehn: '16', siebzehn: '17', achtzehn: '18',
    neunzehn: '19',
    ...germanCompoundTens
};

/** "double five" is 55, "triple oh" 000. */
export const repeatWords: Record<string, number> = { double: 2, triple: 3, doppel: 2, doppelte: 2, dreifach: 3 };

/** Digit words that are also everyday words: they count only in a run with another digit word. */
export const weakDigitWords = new Set(['oh', 'o', 'ein', 'null', 'nil']);
