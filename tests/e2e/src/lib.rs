//! End-to-end tests of the API crate `wfc build specs/` generates; the
//! tests are in `tests/`. This library is empty.
