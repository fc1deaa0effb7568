//! The state of a world at one moment: everything that can change.

use super::color::Color;
use super::entity::EntityState;
use super::geometry::Pos;

/// Every variable of the world at one moment. Terrain and entity positions are fixed
/// and live in [`super::World`]; this holds only what actions and dynamics change.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct State {
    /// Where the agent stands.
    pub agent: Pos,
    /// The paint the agent carries, if any.
    pub holding: Option<Color>,
    /// Each entity's variables, in the scene's entity order.
    pub entities: Vec<EntityState>,
    /// Projected light per cell (row-major), a field variable per cell; empty in worlds
    /// without projectors, so that large state spaces stay small.
    pub light: Vec<Option<Color>>,
    /// Whether a droplet hangs in each cell (row-major), a particle variable per cell;
    /// empty in worlds without mist.
    pub droplets: Vec<bool>,
    /// Whether the episode has ended (the agent entered a goal cell); nothing changes after.
    pub ended: bool,
}

impl State {
    /// The light on cell `index` (row-major).
    pub fn light_at(&self, index: usize) -> Option<Color> {
        self.light.get(index).copied().flatten()
    }

    /// Whether a droplet hangs in cell `index` (row-major).
    pub fn droplet_at(&self, index: usize) -> bool {
        self.droplets.get(index).copied().unwrap_or(false)
    }
}

/// How one entity's variables are laid out in a packed state, fixed by its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EntityLayout {
    /// A paint shop: no variables.
    Shop,
    /// A neural interface: no variables.
    Interface,
    /// A car's paint: 3 bits.
    Car,
    /// A projector: on (1 bit), aim (none or a cell), colour (3 bits).
    Projector,
    /// A box's cell.
    Crate,
    /// A belt object's cell and whether it is done (1 bit).
    Carried,
    /// An observer's percept: none or a colour, 4 bits.
    Observer,
    /// A development site's progress, 0 to its work: as many bits as the work needs.
    Lab {
        /// Bits of the progress.
        bits: u32,
    },
}

/// A fixed-width binary encoding of the states of one world, for state spaces that hold
/// millions of them: the agent's cell, what it holds, each entity's variables in as few
/// bits as their kinds need, and one bit per mist cell for the droplets. The light field
/// is not stored: it is a function of the projectors' settings, recomputed on decoding.
/// Equal states have equal encodings (unused bits are zero), so the bytes can be hashed
/// and compared in place of the states.
#[derive(Clone, Debug)]
pub struct StateCodec {
    /// Bits of a cell index, or of "none or a cell" (index + 1).
    cell_bits: u32,
    layouts: Vec<EntityLayout>,
    /// Runs of consecutive mist cells (row-major start index, length): the droplet bits,
    /// when the mist is sparse.
    mist_runs: Vec<(usize, usize)>,
    /// When mist covers at least half the grid, one bit per grid cell from byte
    /// `dense_from` on, so that a mist room packs eight cells a byte without bit shifting.
    dense_from: Option<usize>,
    /// Length of `State::droplets` (the grid's cell count when there is mist, else 0).
    droplet_cells: usize,
    bits: usize,
}

/// Why a state has no encoding (it cannot arise from the world's own steps).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a state does not fit the world's packed encoding: {0}")]
pub struct EncodingError(&'static str);

impl StateCodec {
    /// The encoding of `world`'s states.
    pub fn new(world: &super::World) -> Self {
        let cells = world.grid.len();
        // Enough bits for 0..=cells: a cell index, or none (0) and index + 1.
        let cell_bits = usize::BITS - cells.leading_zeros();
        let layouts: Vec<EntityLayout> = world
            .entities
            .iter()
            .map(|e| match e.initial {
                EntityState::Lab { .. } => EntityLayout::Lab {
                    bits: match e.kind {
                        super::EntityKind::Lab { work, .. } => u32::BITS - work.leading_zeros(),
                        _ => 0,
                    },
                },
                EntityState::Car { .. } => EntityLayout::Car,
                EntityState::Projector { .. } => EntityLayout::Projector,
                EntityState::Crate { .. } => EntityLayout::Crate,
                EntityState::Carried { .. } => EntityLayout::Carried,
                EntityState::Observer { .. } => EntityLayout::Observer,
                EntityState::PaintShop => EntityLayout::Shop,
                EntityState::NeuralInterface => EntityLayout::Interface,
            })
            .collect();
        let mut mist_runs: Vec<(usize, usize)> = Vec::new();
        for (i, p) in world.grid.cells().enumerate() {
            if world.grid.terrain(p) != super::Terrain::Mist {
                continue;
            }
            match mist_runs.last_mut() {
                Some((start, len)) if *start + *len == i => *len += 1,
                _ => mist_runs.push((i, 1)),
            }
        }
        let droplet_cells = if mist_runs.is_empty() { 0 } else { cells };
        let cell = cell_bits as usize;
        let entity_bits: usize = layouts
            .iter()
            .map(|l| match l {
                EntityLayout::Shop | EntityLayout::Interface => 0,
                EntityLayout::Car => 3,
                EntityLayout::Projector => 1 + cell + 3,
                EntityLayout::Crate => cell,
                EntityLayout::Carried => cell + 1,
                EntityLayout::Observer => 4,
                EntityLayout::Lab { bits } => *bits as usize,
            })
            .sum();
        let mist_bits: usize = mist_runs.iter().map(|(_, len)| len).sum();
        let header = cell + 4 + entity_bits;
        let (mist_runs, dense_from, bits) = if mist_bits > 0 && 2 * mist_bits >= cells {
            let from = header.div_ceil(8);
            (Vec::new(), Some(from), 8 * from + cells)
        } else {
            (mist_runs, None, header + mist_bits)
        };
        Self {
            cell_bits,
            layouts,
            mist_runs,
            dense_from,
            droplet_cells,
            bits,
        }
    }

    /// Bytes of one encoded state.
    pub fn bytes(&self) -> usize {
        self.bits.div_ceil(8).max(1)
    }

    /// Write `state` into `out` (exactly [`Self::bytes`] long). Fails on a state the
    /// world's steps cannot produce (a cell outside the grid, an entity of another kind).
    pub fn encode(
        &self,
        world: &super::World,
        state: &State,
        out: &mut [u8],
    ) -> Result<(), EncodingError> {
        out.fill(0);
        let mut w = BitWriter {
            out,
            byte: 0,
            acc: 0,
            pending: 0,
        };
        let cell = |p: Pos| {
            world
                .grid
                .index(p)
                .map(|i| i as u64)
                .ok_or(EncodingError("a cell outside the grid"))
        };
        w.put(cell(state.agent)?, self.cell_bits);
        w.put(color_code(state.holding), 4);
        if state.entities.len() != self.layouts.len() {
            return Err(EncodingError("another number of entities"));
        }
        for (layout, entity) in self.layouts.iter().zip(&state.entities) {
            match (layout, entity) {
                (EntityLayout::Shop, EntityState::PaintShop)
                | (EntityLayout::Interface, EntityState::NeuralInterface) => {}
                (EntityLayout::Car, EntityState::Car { paint }) => w.put(*paint as u64, 3),
                (EntityLayout::Projector, EntityState::Projector { on, aim, color }) => {
                    w.put(u64::from(*on), 1);
                    let aim = match aim {
                        Some(p) => cell(*p)? + 1,
                        None => 0,
                    };
                    w.put(aim, self.cell_bits);
                    w.put(*color as u64, 3);
                }
                (EntityLayout::Crate, EntityState::Crate { at }) => {
                    w.put(cell(*at)?, self.cell_bits)
                }
                (EntityLayout::Carried, EntityState::Carried { at, done }) => {
                    w.put(cell(*at)?, self.cell_bits);
                    w.put(u64::from(*done), 1);
                }
                (EntityLayout::Observer, EntityState::Observer { percept }) => {
                    w.put(color_code(*percept), 4);
                }
                (EntityLayout::Lab { bits }, EntityState::Lab { progress }) => {
                    if *bits < u32::BITS && u64::from(*progress) >> bits != 0 {
                        return Err(EncodingError("a site's progress beyond its work"));
                    }
                    w.put(u64::from(*progress), *bits);
                }
                _ => return Err(EncodingError("an entity of another kind")),
            }
        }
        if state.droplets.len() != self.droplet_cells {
            return Err(EncodingError("another droplet field"));
        }
        // Eight cells at a time: the droplet field of a large mist room is most of the work
        // of enumerating its states.
        for &(start, len) in &self.mist_runs {
            for chunk in state.droplets[start..start + len].chunks(8) {
                w.put(pack_eight(chunk), chunk.len() as u32);
            }
        }
        w.finish();
        if let Some(from) = self.dense_from {
            let cells = state.droplets.chunks_exact(8);
            let rest = cells.remainder();
            let mut bytes = w.out[from..].iter_mut();
            for (byte, chunk) in bytes.by_ref().zip(cells) {
                let eight: [bool; 8] = [
                    chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
                ];
                *byte = pack_eight(&eight) as u8;
            }
            if let Some(byte) = bytes.next() {
                *byte = pack_eight(rest) as u8;
            }
        }
        Ok(())
    }

    /// The state encoded in `bytes`, with its light field recomputed.
    pub fn decode(&self, world: &super::World, bytes: &[u8]) -> State {
        let mut r = BitReader {
            bytes,
            byte: 0,
            acc: 0,
            available: 0,
        };
        let pos = |i: u64| world.grid.pos(i as usize);
        let agent = pos(r.get(self.cell_bits));
        let holding = color_of(r.get(4));
        let entities = self
            .layouts
            .iter()
            .map(|layout| match layout {
                EntityLayout::Shop => EntityState::PaintShop,
                EntityLayout::Interface => EntityState::NeuralInterface,
                EntityLayout::Car => EntityState::Car {
                    paint: Color::ALL[r.get(3) as usize],
                },
                EntityLayout::Projector => {
                    let on = r.get(1) == 1;
                    let aim = match r.get(self.cell_bits) {
                        0 => None,
                        i => Some(pos(i - 1)),
                    };
                    let color = Color::ALL[r.get(3) as usize];
                    EntityState::Projector { on, aim, color }
                }
                EntityLayout::Crate => EntityState::Crate {
                    at: pos(r.get(self.cell_bits)),
                },
                EntityLayout::Carried => EntityState::Carried {
                    at: pos(r.get(self.cell_bits)),
                    done: r.get(1) == 1,
                },
                EntityLayout::Observer => EntityState::Observer {
                    percept: color_of(r.get(4)),
                },
                EntityLayout::Lab { bits } => EntityState::Lab {
                    progress: r.get(*bits) as u32,
                },
            })
            .collect();
        let mut droplets = vec![false; self.droplet_cells];
        if let Some(from) = self.dense_from {
            for (chunk, &byte) in droplets.chunks_mut(8).zip(&bytes[from.min(bytes.len())..]) {
                for (i, d) in chunk.iter_mut().enumerate() {
                    *d = (byte >> i) & 1 == 1;
                }
            }
        }
        for &(start, len) in &self.mist_runs {
            for chunk in droplets[start..start + len].chunks_mut(8) {
                let byte = r.get(chunk.len() as u32);
                for (i, d) in chunk.iter_mut().enumerate() {
                    *d = (byte >> i) & 1 == 1;
                }
            }
        }
        let mut state = State {
            agent,
            holding,
            entities,
            light: world.initial_light(),
            droplets,
            ended: false,
        };
        world.project_light(&mut state);
        state
    }
}

/// 0 for none, 1 + the colour's index otherwise.
fn color_code(color: Option<Color>) -> u64 {
    color.map_or(0, |c| c as u64 + 1)
}

fn color_of(code: u64) -> Option<Color> {
    (code as usize)
        .checked_sub(1)
        .and_then(|i| Color::ALL.get(i).copied())
}

/// Writes bit fields (at most 32 bits each) least significant bit first into a zeroed
/// byte slice, a byte at a time.
struct BitWriter<'a> {
    out: &'a mut [u8],
    byte: usize,
    acc: u64,
    pending: u32,
}

impl BitWriter<'_> {
    fn put(&mut self, value: u64, bits: u32) {
        let mask = (1u64 << bits) - 1;
        self.acc |= (value & mask) << self.pending;
        self.pending += bits;
        while self.pending >= 8 {
            if let Some(b) = self.out.get_mut(self.byte) {
                *b = self.acc as u8;
            }
            self.byte += 1;
            self.acc >>= 8;
            self.pending -= 8;
        }
    }

    /// Write the last, partial byte.
    fn finish(&mut self) {
        if self.pending > 0
            && let Some(b) = self.out.get_mut(self.byte)
        {
            *b = self.acc as u8;
        }
    }
}

/// Reads what [`BitWriter`] wrote.
struct BitReader<'a> {
    bytes: &'a [u8],
    byte: usize,
    acc: u64,
    available: u32,
}

impl BitReader<'_> {
    fn get(&mut self, bits: u32) -> u64 {
        while self.available < bits {
            let b = self.bytes.get(self.byte).copied().unwrap_or(0);
            self.acc |= u64::from(b) << self.available;
            self.byte += 1;
            self.available += 8;
        }
        let value = self.acc & ((1u64 << bits) - 1);
        self.acc >>= bits;
        self.available -= bits;
        value
    }
}

/// Eight droplets as the bits of a byte, the first the least significant.
fn pack_eight(cells: &[bool]) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, &d) in bytes.iter_mut().zip(cells) {
        *b = u8::from(d);
    }
    // Each byte is 0 or 1; the multiplication gathers bit 8i into bit 56 + i.
    u64::from_le_bytes(bytes).wrapping_mul(0x0102_0408_1020_4080) >> 56
}
