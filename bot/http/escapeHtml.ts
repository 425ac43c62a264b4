// Text for an HTML page the server writes itself: the five characters that could open markup or
// end an attribute become character references.
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
