//! Images in and out: request images by URL, base64 or data URI; output
//! conversion (being built).
