//! The ComfyUI client (being built).
