//! Image and mask batches in ComfyUI's layout (float32, `[B,H,W,C]` images
//! with C = 3, `[B,H,W]` masks) and the operations of the model-free nodes,
//! computed in f32 the way torch does so that pixels match ComfyUI's; plus
//! PNG, JPEG and WebP encoding with ComfyUI's metadata.

use std::io::Cursor;

/// A batch of RGB images, values in 0..1.
#[derive(Debug, Clone, PartialEq)]
pub struct Images {
    /// Batch size.
    pub b: usize,
    /// Height.
    pub h: usize,
    /// Width.
    pub w: usize,
    /// `b*h*w*3` values.
    pub data: Vec<f32>,
}

/// A batch of masks, values in 0..1.
#[derive(Debug, Clone, PartialEq)]
pub struct Masks {
    /// Batch size.
    pub b: usize,
    /// Height.
    pub h: usize,
    /// Width.
    pub w: usize,
    /// `b*h*w` values.
    pub data: Vec<f32>,
}

impl Images {
    /// `EmptyImage`: a solid color (`0xRRGGBB`).
    pub fn solid(w: usize, h: usize, b: usize, color: i128) -> Images {
        let c = [
            ((color >> 16) & 0xFF) as f64 / 255.0,
            ((color >> 8) & 0xFF) as f64 / 255.0,
            (color & 0xFF) as f64 / 255.0,
        ];
        let px = [c[0] as f32, c[1] as f32, c[2] as f32];
        let mut data = Vec::with_capacity(b * h * w * 3);
        for _ in 0..b * h * w {
            data.extend_from_slice(&px);
        }
        Images { b, h, w, data }
    }

    /// One image of the batch as 8-bit RGB (`np.clip(255. * x, 0, 255).astype(uint8)`).
    pub fn to_rgb8(&self, i: usize) -> Vec<u8> {
        let n = self.h * self.w * 3;
        self.data[i * n..(i + 1) * n]
            .iter()
            .map(|&v| to_u8(v))
            .collect()
    }

    /// `ImageInvert`.
    pub fn invert(&self) -> Images {
        Images {
            data: self.data.iter().map(|v| 1.0 - v).collect(),
            ..*self
        }
    }

    /// Resizes every image (`comfy.utils.common_upscale` methods).
    pub fn resize(&self, method: &str, w: usize, h: usize, crop: bool) -> Images {
        let src = if crop {
            self.center_crop(w, h)
        } else {
            self.clone()
        };
        if method == "lanczos" {
            let q = src.quantized();
            let r = resample(&q.data, q.b, q.h, q.w, 3, h, w, method);
            return Images {
                b: q.b,
                h,
                w,
                data: r,
            }
            .quantized();
        }
        let data = resample(&src.data, src.b, src.h, src.w, 3, h, w, method);
        Images {
            b: src.b,
            h,
            w,
            data,
        }
    }

    fn quantized(&self) -> Images {
        Images {
            data: self
                .data
                .iter()
                .map(|&v| f32::from(to_u8(v)) / 255.0)
                .collect(),
            ..*self
        }
    }

    fn center_crop(&self, w: usize, h: usize) -> Images {
        let (ow, oh) = (self.w as f64, self.h as f64);
        let old_aspect = ow / oh;
        let new_aspect = w as f64 / h as f64;
        let (mut x, mut y, mut cw, mut ch) = (0usize, 0usize, self.w, self.h);
        if old_aspect > new_aspect {
            x = ((ow - ow * (new_aspect / old_aspect)) / 2.0).round() as usize;
            cw = self.w - 2 * x.min(self.w / 2);
        } else if old_aspect < new_aspect {
            y = ((oh - oh * (old_aspect / new_aspect)) / 2.0).round() as usize;
            ch = self.h - 2 * y.min(self.h / 2);
        }
        let mut data = Vec::with_capacity(self.b * cw * ch * 3);
        for b in 0..self.b {
            for yy in y..y + ch {
                let row = ((b * self.h + yy) * self.w + x) * 3;
                data.extend_from_slice(&self.data[row..row + cw * 3]);
            }
        }
        Images {
            b: self.b,
            h: ch,
            w: cw,
            data,
        }
    }

    /// `ImageBlur` (gaussian kernel over `linspace(-1, 1)`, reflect padding).
    pub fn blur(&self, radius: usize, sigma: f64) -> Images {
        if radius == 0 {
            return self.clone();
        }
        let size = 2 * radius + 1;
        let mut k: Vec<f64> = (0..size)
            .map(|i| {
                let x = -1.0 + 2.0 * i as f64 / (size - 1) as f64;
                (-(x * x) / (2.0 * sigma * sigma)).exp()
            })
            .collect();
        let sum: f64 = k.iter().sum();
        k.iter_mut().for_each(|v| *v /= sum);
        let (kmin, kmax) = k
            .iter()
            .fold((f64::MAX, 0f64), |(a, b), &v| (a.min(v), b.max(v)));
        let flat = (kmax - kmin) / kmax < 0.01;
        let mut out = self.data.clone();
        for axis in [1usize, 0] {
            let (n, stride, outer, inner) = if axis == 1 {
                (self.w, 3, self.b * self.h, 3)
            } else {
                (self.h, self.w * 3, self.b, self.w * 3)
            };
            out = if flat {
                box_axis(&out, n, stride, outer, inner, radius)
            } else {
                conv_axis(&out, n, stride, outer, inner, &k, radius)
            };
        }
        Images { data: out, ..*self }
    }

    /// `ImageCompositeMasked` with multiplier 1.
    pub fn composite(
        &self,
        source: &Images,
        x: i64,
        y: i64,
        mask: Option<&Masks>,
        resize_source: bool,
    ) -> Images {
        let mut dest = self.clone();
        let source = if resize_source {
            source.resize("bilinear", self.w, self.h, false)
        } else {
            source.clone()
        };
        let mask = mask.map(|m| m.resize(source.w, source.h));
        for b in 0..dest.b {
            let sb = b.min(source.b - 1);
            for sy in 0..source.h {
                let dy = y + sy as i64;
                if dy < 0 || dy >= dest.h as i64 {
                    continue;
                }
                for sx in 0..source.w {
                    let dx = x + sx as i64;
                    if dx < 0 || dx >= dest.w as i64 {
                        continue;
                    }
                    let m = mask.as_ref().map_or(1.0, |m| {
                        let mb = sb.min(m.b - 1);
                        m.data[(mb * m.h + sy) * m.w + sx]
                    });
                    let di = ((b * dest.h + dy as usize) * dest.w + dx as usize) * 3;
                    let si = ((sb * source.h + sy) * source.w + sx) * 3;
                    for c in 0..3 {
                        dest.data[di + c] = m * source.data[si + c] + (1.0 - m) * dest.data[di + c];
                    }
                }
            }
        }
        dest
    }

    /// `ImageToMask`: one channel (red, green, blue; alpha is all ones here).
    pub fn channel(&self, c: usize) -> Masks {
        let data = if c < 3 {
            self.data.iter().skip(c).step_by(3).copied().collect()
        } else {
            vec![1.0; self.b * self.h * self.w]
        };
        Masks {
            b: self.b,
            h: self.h,
            w: self.w,
            data,
        }
    }

    /// Blends `other` into self: `self*(1-t) + other*t`, where `mask` (if any) is 1.
    pub fn blend(&self, other: &Images, t: f32, mask: Option<&Masks>) -> Images {
        let mask = mask.map(|m| m.resize(self.w, self.h));
        let mut data = self.data.clone();
        for (i, v) in data.iter_mut().enumerate() {
            let px = i / 3;
            let m = mask.as_ref().map_or(1.0, |m| {
                m.data[px % (m.h * m.w) + (px / (self.h * self.w)).min(m.b - 1) * m.h * m.w]
            });
            let o = other.data[i % other.data.len()];
            *v = *v * (1.0 - t * m) + o * t * m;
        }
        Images { data, ..*self }
    }
}

impl Masks {
    /// `SolidMask`.
    pub fn solid(value: f32, w: usize, h: usize) -> Masks {
        Masks {
            b: 1,
            h,
            w,
            data: vec![value; w * h],
        }
    }
    /// `MaskToImage`.
    pub fn to_image(&self) -> Images {
        let mut data = Vec::with_capacity(self.data.len() * 3);
        for v in &self.data {
            data.extend_from_slice(&[*v, *v, *v]);
        }
        Images {
            b: self.b,
            h: self.h,
            w: self.w,
            data,
        }
    }
    /// Bilinear resize (identity when the size already matches).
    pub fn resize(&self, w: usize, h: usize) -> Masks {
        if w == self.w && h == self.h {
            return self.clone();
        }
        let data = resample(&self.data, self.b, self.h, self.w, 1, h, w, "bilinear");
        Masks {
            b: self.b,
            h,
            w,
            data,
        }
    }
    /// `GrowMask`: grey dilation (erosion when negative) with a 3×3 cross or square.
    pub fn grow(&self, expand: i64, tapered: bool) -> Masks {
        let mut cur = self.data.clone();
        let (h, w) = (self.h as i64, self.w as i64);
        for _ in 0..expand.unsigned_abs() {
            let mut next = cur.clone();
            for b in 0..self.b {
                let base = b * self.h * self.w;
                for y in 0..h {
                    for x in 0..w {
                        let mut v = cur[base + (y * w + x) as usize];
                        for dy in -1..=1i64 {
                            for dx in -1..=1i64 {
                                if tapered && dx != 0 && dy != 0 {
                                    continue;
                                }
                                let (yy, xx) = (y + dy, x + dx);
                                if yy < 0 || yy >= h || xx < 0 || xx >= w {
                                    continue;
                                }
                                let o = cur[base + (yy * w + xx) as usize];
                                v = if expand > 0 { v.max(o) } else { v.min(o) };
                            }
                        }
                        next[base + (y * w + x) as usize] = v;
                    }
                }
            }
            cur = next;
        }
        Masks { data: cur, ..*self }
    }
}

/// `np.clip(255. * v, 0, 255).astype(np.uint8)` in float32.
pub fn to_u8(v: f32) -> u8 {
    let x = 255.0f32 * v;
    if x.is_nan() {
        0
    } else {
        x.clamp(0.0, 255.0) as u8
    }
}

fn reflect(i: i64, n: usize) -> usize {
    let n = n as i64;
    if n == 1 {
        return 0;
    }
    let period = 2 * (n - 1);
    let mut j = i.rem_euclid(period);
    if j >= n {
        j = period - j;
    }
    j as usize
}

fn conv_axis(
    src: &[f32],
    n: usize,
    stride: usize,
    outer: usize,
    inner: usize,
    k: &[f64],
    r: usize,
) -> Vec<f32> {
    let kf: Vec<f32> = k.iter().map(|&v| v as f32).collect();
    let mut out = vec![0f32; src.len()];
    let block = n * stride;
    for o in 0..outer {
        let base = o * block;
        for i in 0..n {
            let taps: Vec<(usize, f32)> = (0..kf.len())
                .map(|t| (reflect(i as i64 + t as i64 - r as i64, n), kf[t]))
                .collect();
            for e in 0..inner {
                let mut acc = 0f32;
                for &(j, wgt) in &taps {
                    acc += wgt * src[base + j * stride + e];
                }
                out[base + i * stride + e] = acc;
            }
        }
    }
    out
}

fn box_axis(
    src: &[f32],
    n: usize,
    stride: usize,
    outer: usize,
    inner: usize,
    r: usize,
) -> Vec<f32> {
    let mut out = vec![0f32; src.len()];
    let block = n * stride;
    let norm = 1.0 / (2 * r + 1) as f64;
    for o in 0..outer {
        let base = o * block;
        for e in 0..inner {
            let at = |j: i64| f64::from(src[base + reflect(j, n) * stride + e]);
            let mut acc: f64 = (-(r as i64)..=r as i64).map(at).sum();
            for i in 0..n {
                out[base + i * stride + e] = (acc * norm) as f32;
                let i = i as i64;
                acc += at(i + r as i64 + 1) - at(i - r as i64);
            }
        }
    }
    out
}

/// Taps `(source index, weight)` of each output index of one axis.
fn weights(n_in: usize, n_out: usize, method: &str) -> Vec<Vec<(usize, f32)>> {
    let scale = n_in as f64 / n_out as f64;
    let last = n_in as i64 - 1;
    let clamp = |i: i64| i.clamp(0, last) as usize;
    (0..n_out)
        .map(|o| {
            let of = o as f64;
            match method {
                "nearest-exact" | "nearest" => {
                    vec![(clamp(((of + 0.5) * scale).floor() as i64), 1.0)]
                }
                "area" => {
                    let start = (of * scale).floor() as usize;
                    let end = (((of + 1.0) * scale).ceil() as usize)
                        .min(n_in)
                        .max(start + 1);
                    let wgt = 1.0 / (end - start) as f32;
                    (start..end).map(|i| (i.min(n_in - 1), wgt)).collect()
                }
                "bicubic" => {
                    let src = (of + 0.5) * scale - 0.5;
                    let i0 = src.floor();
                    let t = src - i0;
                    let a = -0.75;
                    let cubic = |x: f64| {
                        let x = x.abs();
                        if x <= 1.0 {
                            ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0
                        } else if x < 2.0 {
                            ((a * x - 5.0 * a) * x + 8.0 * a) * x - 4.0 * a
                        } else {
                            0.0
                        }
                    };
                    (-1..=2)
                        .map(|d| (clamp(i0 as i64 + d), cubic(t - d as f64) as f32))
                        .collect()
                }
                "lanczos" => {
                    let support = 3.0 * scale.max(1.0);
                    let fscale = scale.max(1.0);
                    let center = (of + 0.5) * scale;
                    let lo = (center - support).floor().max(0.0) as i64;
                    let hi = ((center + support).ceil() as i64).min(n_in as i64);
                    let sinc = |x: f64| {
                        if x == 0.0 {
                            1.0
                        } else {
                            let p = std::f64::consts::PI * x;
                            p.sin() / p
                        }
                    };
                    let lanczos = |x: f64| {
                        if x.abs() < 3.0 {
                            sinc(x) * sinc(x / 3.0)
                        } else {
                            0.0
                        }
                    };
                    let mut taps: Vec<(usize, f64)> = (lo..hi)
                        .map(|i| (i as usize, lanczos((i as f64 + 0.5 - center) / fscale)))
                        .collect();
                    let sum: f64 = taps.iter().map(|t| t.1).sum();
                    if sum != 0.0 {
                        taps.iter_mut().for_each(|t| t.1 /= sum);
                    }
                    taps.into_iter().map(|(i, w)| (i, w as f32)).collect()
                }
                _ => {
                    // bilinear, align_corners=False
                    let src = ((of + 0.5) * scale - 0.5).max(0.0);
                    let i0 = src.floor() as i64;
                    let t = (src - i0 as f64) as f32;
                    vec![(clamp(i0), 1.0 - t), (clamp(i0 + 1), t)]
                }
            }
        })
        .collect()
}

/// Separable resampling of a `[B,H,W,C]` buffer.
#[allow(clippy::too_many_arguments)]
fn resample(
    src: &[f32],
    b: usize,
    h: usize,
    w: usize,
    c: usize,
    nh: usize,
    nw: usize,
    method: &str,
) -> Vec<f32> {
    if nh == h && nw == w {
        return src.to_vec();
    }
    let wx = weights(w, nw, method);
    let mut tmp = vec![0f32; b * h * nw * c];
    for row in 0..b * h {
        for (x, taps) in wx.iter().enumerate() {
            for ch in 0..c {
                let mut acc = 0f32;
                for &(i, wt) in taps {
                    acc += wt * src[(row * w + i) * c + ch];
                }
                tmp[(row * nw + x) * c + ch] = acc;
            }
        }
    }
    let wy = weights(h, nh, method);
    let mut out = vec![0f32; b * nh * nw * c];
    for bi in 0..b {
        for (y, taps) in wy.iter().enumerate() {
            for x in 0..nw * c {
                let mut acc = 0f32;
                for &(i, wt) in taps {
                    acc += wt * tmp[(bi * h + i) * nw * c + x];
                }
                out[(bi * nh + y) * nw * c + x] = acc;
            }
        }
    }
    out
}

/// PNG compression the way a ComfyUI node asks for it.
#[derive(Debug, Clone, Copy)]
pub enum PngLevel {
    /// `compress_level=1` (PreviewImage, websocket previews).
    Fast,
    /// `compress_level=4` (SaveImage).
    Default,
}

/// Encodes 8-bit pixels (`channels` = 1, 3 or 4) as PNG with `tEXt` chunks.
pub fn encode_png(
    pixels: &[u8],
    w: usize,
    h: usize,
    channels: usize,
    texts: &[(String, String)],
    level: PngLevel,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(pixels.len() / 4 + 256);
    {
        let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
        enc.set_color(match channels {
            1 => png::ColorType::Grayscale,
            4 => png::ColorType::Rgba,
            _ => png::ColorType::Rgb,
        });
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(match level {
            PngLevel::Fast => png::Compression::Fast,
            PngLevel::Default => png::Compression::Fast,
        });
        for (k, v) in texts {
            let _ = enc.add_text_chunk(k.clone(), v.clone());
        }
        let mut writer = enc.write_header().expect("png header");
        writer.write_image_data(pixels).expect("png data");
        writer.finish().expect("png end");
    }
    out
}

/// A decoded image file: its RGB pixels and, when it has alpha, the alpha channel.
pub struct Decoded {
    /// Width.
    pub w: usize,
    /// Height.
    pub h: usize,
    /// RGB, 8-bit.
    pub rgb: Vec<u8>,
    /// Alpha, 8-bit, if the file has an alpha channel.
    pub alpha: Option<Vec<u8>>,
}

/// Decodes PNG/JPEG/WebP bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let img = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .decode()
        .map_err(|e| e.to_string())?;
    let has_alpha = img.color().has_alpha();
    let rgba = img.to_rgba8();
    let (w, h) = (rgba.width() as usize, rgba.height() as usize);
    let raw = rgba.into_raw();
    let rgb = raw
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let alpha = has_alpha.then(|| raw.chunks_exact(4).map(|p| p[3]).collect());
    Ok(Decoded { w, h, rgb, alpha })
}

/// Encodes RGB(A) pixels as JPEG.
pub fn encode_jpeg(rgb: &[u8], w: usize, h: usize, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100));
    let _ = image::ImageEncoder::write_image(
        enc,
        rgb,
        w as u32,
        h as u32,
        image::ExtendedColorType::Rgb8,
    );
    out
}

/// The VP8L bitstream of one lossless WebP frame.
fn vp8l(pixels: &[u8], w: usize, h: usize, channels: usize) -> Vec<u8> {
    let mut file = Vec::new();
    let enc = image::codecs::webp::WebPEncoder::new_lossless(&mut file);
    let color = if channels == 4 {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let _ = enc.encode(pixels, w as u32, h as u32, color);
    // RIFF header (12 bytes), then chunks; find VP8L.
    let mut i = 12;
    while i + 8 <= file.len() {
        let len = u32::from_le_bytes([file[i + 4], file[i + 5], file[i + 6], file[i + 7]]) as usize;
        if &file[i..i + 4] == b"VP8L" {
            return file[i + 8..i + 8 + len].to_vec();
        }
        i += 8 + len + (len & 1);
    }
    Vec::new()
}

fn chunk(out: &mut Vec<u8>, tag: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(tag);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

fn u24(out: &mut Vec<u8>, v: usize) {
    out.extend_from_slice(&(v as u32).to_le_bytes()[..3]);
}

/// An EXIF block with ASCII tags, as ComfyUI's WebP savers write it.
pub fn exif_ascii(tags: &[(u16, String)]) -> Vec<u8> {
    let mut out = b"Exif\0\0MM\0*\0\0\0\x08".to_vec();
    out.extend_from_slice(&(tags.len() as u16).to_be_bytes());
    let mut data_off = 8 + 2 + 12 * tags.len() + 4;
    let mut data = Vec::new();
    for (tag, text) in tags {
        let bytes = [text.as_bytes(), b"\0"].concat();
        out.extend_from_slice(&tag.to_be_bytes());
        out.extend_from_slice(&2u16.to_be_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        out.extend_from_slice(&(data_off as u32).to_be_bytes());
        data_off += bytes.len();
        data.extend_from_slice(&bytes);
    }
    out.extend_from_slice(&0u32.to_be_bytes());
    out.extend_from_slice(&data);
    out
}

/// A (possibly animated) lossless WebP file. Identical frames collapse into
/// one still image, as libwebp's animation encoder does.
pub fn encode_webp(
    frames: &[Vec<u8>],
    w: usize,
    h: usize,
    channels: usize,
    frame_ms: usize,
    exif: Option<&[u8]>,
) -> Vec<u8> {
    let animated = frames.windows(2).any(|p| p[0] != p[1]);
    let mut body = b"WEBP".to_vec();
    let mut flags = 0u8;
    if animated {
        flags |= 0x02;
    }
    if exif.is_some() {
        flags |= 0x08;
    }
    if channels == 4 {
        flags |= 0x10;
    }
    let mut vp8x = vec![flags, 0, 0, 0];
    u24(&mut vp8x, w - 1);
    u24(&mut vp8x, h - 1);
    chunk(&mut body, b"VP8X", &vp8x);
    if animated {
        chunk(&mut body, b"ANIM", &[0, 0, 0, 0, 0, 0]);
        for f in frames {
            let mut anmf = Vec::new();
            u24(&mut anmf, 0);
            u24(&mut anmf, 0);
            u24(&mut anmf, w - 1);
            u24(&mut anmf, h - 1);
            u24(&mut anmf, frame_ms);
            anmf.push(0);
            chunk(&mut anmf, b"VP8L", &vp8l(f, w, h, channels));
            chunk(&mut body, b"ANMF", &anmf);
        }
    } else if let Some(f) = frames.first() {
        chunk(&mut body, b"VP8L", &vp8l(f, w, h, channels));
    }
    if let Some(e) = exif {
        chunk(&mut body, b"EXIF", e);
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// A still lossless WebP (the `/view?preview=webp` answer).
pub fn encode_webp_still(pixels: &[u8], w: usize, h: usize, channels: usize) -> Vec<u8> {
    let mut file = Vec::new();
    let enc = image::codecs::webp::WebPEncoder::new_lossless(&mut file);
    let color = if channels == 4 {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let _ = enc.encode(pixels, w as u32, h as u32, color);
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invert_matches_torch_float32() {
        // 0x3366CC inverted is saved as (204, 153, 50) by ComfyUI.
        let img = Images::solid(1, 1, 1, 0x3366CC).invert();
        assert_eq!(img.to_rgb8(0), vec![204, 153, 50]);
    }

    #[test]
    fn resize_sizes() {
        let img = Images::solid(40, 30, 1, 0x102030);
        for m in ["nearest-exact", "bilinear", "area", "bicubic", "lanczos"] {
            let r = img.resize(m, 48, 32, false);
            assert_eq!((r.w, r.h, r.data.len()), (48, 32, 48 * 32 * 3), "{m}");
            assert_eq!(r.to_rgb8(0)[..3], [16, 32, 48], "{m}");
        }
    }
}
