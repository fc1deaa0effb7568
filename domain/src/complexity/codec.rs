//! Compressed size under a real codec. The codec is a language in disguise: what it finds
//! short is what its model of repetition can say cheaply.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::io::Write;
use std::str::FromStr;
use thiserror::Error;

/// A codec family. All are pure Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodecKind {
    /// Raw DEFLATE (RFC 1951, no zlib or gzip header), by `flate2` over `miniz_oxide`.
    Deflate,
    /// Brotli (RFC 7932), by the `brotli` crate.
    Brotli,
    /// The LZ4 block format, by `lz4_flex` (it has no levels).
    Lz4,
}

/// A codec and its level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Codec {
    /// Which codec.
    pub kind: CodecKind,
    /// Its level: DEFLATE 0–9, Brotli 0–11, LZ4 always 0.
    pub level: u32,
}

/// A codec name that is not `deflate`, `brotli` or `lz4`, optionally with `-LEVEL`.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error(
    "unknown codec `{0}`: use deflate, brotli or lz4, optionally with a level as in deflate-6 (deflate 0-9, brotli 0-11)"
)]
pub struct UnknownCodec(pub String);

impl Codec {
    /// The codecs offered as languages, at their usual strongest settings.
    pub const ALL: [Codec; 3] = [
        Codec {
            kind: CodecKind::Deflate,
            level: 9,
        },
        Codec {
            kind: CodecKind::Brotli,
            level: 11,
        },
        Codec {
            kind: CodecKind::Lz4,
            level: 0,
        },
    ];

    /// Size of `data` compressed, in bytes.
    pub fn compressed_bytes(self, data: &[u8]) -> usize {
        match self.kind {
            CodecKind::Deflate => {
                let level = flate2::Compression::new(self.level.min(9));
                let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), level);
                // Writing into a Vec cannot fail.
                let written = encoder.write_all(data).and_then(|()| encoder.finish());
                written.map_or(usize::MAX, |v| v.len())
            }
            CodecKind::Brotli => {
                let mut out = Vec::new();
                {
                    let mut writer =
                        brotli::CompressorWriter::new(&mut out, 4096, self.level.min(11), 22);
                    if writer.write_all(data).is_err() {
                        return usize::MAX;
                    }
                }
                out.len()
            }
            CodecKind::Lz4 => lz4_flex::block::compress(data).len(),
        }
    }

    /// Size of `data` compressed, in bits.
    pub fn compressed_bits(self, data: &[u8]) -> f64 {
        8.0 * self.compressed_bytes(data) as f64
    }
}

impl fmt::Display for Codec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            CodecKind::Deflate => write!(f, "deflate-{}", self.level),
            CodecKind::Brotli => write!(f, "brotli-{}", self.level),
            CodecKind::Lz4 => write!(f, "lz4"),
        }
    }
}

impl FromStr for Codec {
    type Err = UnknownCodec;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownCodec(s.to_owned());
        let (name, level) = match s.split_once('-') {
            Some((name, level)) => (name, Some(level.parse::<u32>().map_err(|_| unknown())?)),
            None => (s, None),
        };
        let (kind, default, max) = match name.to_ascii_lowercase().as_str() {
            "deflate" => (CodecKind::Deflate, 9, 9),
            "brotli" => (CodecKind::Brotli, 11, 11),
            "lz4" => (CodecKind::Lz4, 0, 0),
            _ => return Err(unknown()),
        };
        let level = level.unwrap_or(default);
        if level > max {
            return Err(unknown());
        }
        Ok(Codec { kind, level })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_bad_names_fail() {
        for codec in Codec::ALL {
            assert_eq!(codec.to_string().parse::<Codec>(), Ok(codec));
        }
        assert_eq!("deflate-3".parse::<Codec>().map(|c| c.level), Ok(3));
        assert!("deflate-10".parse::<Codec>().is_err());
        assert!("zip".parse::<Codec>().is_err());
        assert!("lz4-1".parse::<Codec>().is_err());
    }

    #[test]
    fn repetition_compresses_and_noise_does_not() {
        let repeated = vec![b'a'; 10_000];
        let mut noise = Vec::with_capacity(10_000);
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            noise.push(x as u8);
        }
        for codec in Codec::ALL {
            let small = codec.compressed_bytes(&repeated);
            let large = codec.compressed_bytes(&noise);
            assert!(small < 200, "{codec}: {small}");
            assert!(large > 9_000, "{codec}: {large}");
        }
    }
}
