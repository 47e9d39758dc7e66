//! A ComfyUI stand-in for tests (being built; see the test double issue).
