//! The Alexa Skills Kit wire format: request envelopes in, response envelopes
//! out, and SSML. Plain serde types, no behaviour beyond construction rules
//! that keep every response one Alexa accepts.

pub mod apl;
pub mod request;
pub mod response;
pub mod ssml;

pub use request::*;
pub use response::*;
