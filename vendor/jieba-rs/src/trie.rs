//! A character-level trie for the dictionary, built for the segmenter's
//! access pattern: from every character of the input, enumerate the
//! dictionary words that start there.
//!
//! Nodes are prefixes of dictionary words. The root's transitions for BMP
//! characters live in a directly indexed table, so the first step of every
//! walk is a cache-resident array load. Every other transition is one entry
//! in an open-addressing hash table keyed by `(parent node, character)`, and
//! the entry carries everything a walk needs to know about the child: its
//! id, the id of the word that ends there, and a small Bloom-style filter of
//! the characters its own children start with. One probe per character, no
//! separate lookup to test for a word boundary, and no probe at all for the
//! common case of a character that is not a child, against the several
//! dependent loads per *byte* of a byte-level double-array trie.

/// Word id stored on a node that does not end a dictionary word.
const NO_WORD: i32 = -1;

/// Widest character the key packing allows: 21 bits, all of Unicode.
const CHAR_BITS: u32 = 21;

/// A slot key is `(parent << CHAR_BITS | char) + 1` in the low bits; the
/// high 16 bits hold the first child filter.
const KEY_BITS: u32 = 48;
const KEY_MASK: u64 = (1 << KEY_BITS) - 1;

/// A child pointer is the node id in the low bits and the second child
/// filter in the high 8 bits. A node has children iff its filter bits are
/// not all zero.
const ID_BITS: u32 = 24;
const ID_MASK: u32 = (1 << ID_BITS) - 1;
const MAX_NODES: u32 = 1 << ID_BITS;

/// Characters with a direct root transition.
const ROOT_TABLE_LEN: usize = 0x1_0000;

const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// Load factor above which the table doubles, in eighths.
const MAX_LOAD_EIGHTHS: usize = 6;

/// log2 of the bits of [`CharTrie::pairs`]: 2^21 bits (256 KB), about 12
/// per pair of first characters of the default dictionary (178,232 pairs),
/// so one in twelve absent pairs passes. (qingwen addition.)
const PAIR_BITS: u32 = 21;

#[derive(Clone, Copy, Default)]
struct Slot {
    /// Packed `(parent, char)` plus one, and the first child filter; 0
    /// marks an empty slot.
    key: u64,
    /// Child node id and the second child filter.
    child: u32,
    word_id: i32,
}

/// A transition out of the root: child pointer (0 for none) and word id.
#[derive(Clone, Copy)]
struct RootEntry {
    child: u32,
    word_id: i32,
}

/// Where a node's child pointer is stored.
#[derive(Clone, Copy)]
enum ParentRef {
    /// The node is the root itself, which has no pointer.
    Root,
    RootEntry(usize),
    Slot(usize),
}

/// The state of [`CharTrie::insert_bulk`] between words. (qingwen addition.)
pub(crate) struct Bulk {
    /// Each character of the previous word: the node it leads to and where
    /// that node's pointer is.
    steps: Vec<Step>,
    /// New slots not in the table yet, while `sorted`.
    pending: Vec<Slot>,
    /// Whether every word so far came after the one before it.
    sorted: bool,
}

impl Bulk {
    /// For loading words into `trie`, which must be empty for the sorted path.
    pub(crate) fn new(trie: &CharTrie, words: usize) -> Self {
        Bulk {
            steps: Vec::new(),
            // `reserve`'s estimate of the nodes of `words` words.
            pending: Vec::with_capacity(words + words / 2),
            sorted: trie.next_node == 1,
        }
    }
}

#[derive(Clone, Copy)]
struct Step {
    ch: char,
    node: u32,
    at: At,
}

/// Where a node's pointer is: the root's table, or a slot (of
/// `Bulk::pending` while the words are sorted, else of the table).
#[derive(Clone, Copy)]
enum At {
    Root,
    RootEntry(usize),
    Slot(usize),
}

pub(crate) struct CharTrie {
    root: Vec<RootEntry>,
    slots: Vec<Slot>,
    /// Occupied slots.
    len: usize,
    /// `64 - log2(slots.len())`, so a hash shifted right by it indexes the table.
    shift: u32,
    /// Next node id; ids start at 1 because 0 is the root.
    next_node: u32,
    /// A bit per hash of the first two characters of every word of two or
    /// more: a one-bit-per-key Bloom filter of the transitions out of the
    /// first character's node. Nearly every failed probe of a walk (85,000
    /// of 91,000 on a novel) is the second character after the first, and
    /// the nodes of common first characters have so many children that
    /// their own filters pass most characters; this one fits in the cache
    /// and rejects most absent pairs before the hash table is touched.
    /// (qingwen addition.)
    pairs: Vec<u64>,
    /// Which version of which trie this is, for [`ProbeCache`]: a fresh
    /// number from [`next_generation`] for every trie, clone and change.
    /// (qingwen addition.)
    generation: u64,
}

impl Clone for CharTrie {
    fn clone(&self) -> Self {
        CharTrie {
            root: self.root.clone(),
            slots: self.slots.clone(),
            len: self.len,
            shift: self.shift,
            next_node: self.next_node,
            pairs: self.pairs.clone(),
            // A clone may change apart from the original.
            generation: next_generation(),
        }
    }
}

/// A number no trie has had yet.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// log2 of the entries of a [`ProbeCache`]: 65,536 slots of 16 bytes (1 MB).
/// Tagging weicheng.txt (110,916 probes) missed it 40,249 times with 16,384
/// slots on a first call and 32,900 on the next; with 65,536, 31,519 and
/// 12,002 (the keys number at most 29,867, the misses of a first call with
/// 131,072 slots): each miss is a probe of the 16 MB table, mostly a miss of
/// the processor's caches too. qingwen's `tokens` in wasm took 6% less time
/// than with 16,384 slots (same run, medians of 9 processes).
const CACHE_BITS: u32 = 16;

/// The hash-table probes of one thread's recent walks, by key: the slot
/// found, or that there was none (a slot whose child is 0, which no node
/// is). (qingwen addition.)
///
/// The table of the default dictionary is 16 MB, so nearly every probe of a
/// walk missed the processor's caches (80% of the walk's time was those two
/// loads), while a text walks the same few transitions again and again: a
/// novel probed 189,000 times over 62,000 keys. A small direct-mapped copy
/// of the slots probed last stays in the cache; unlike a table chosen ahead
/// of time it also remembers transitions that are not in the dictionary and
/// follows the vocabulary of the text at hand.
#[derive(Default)]
pub(crate) struct ProbeCache {
    /// The [`CharTrie::generation`] the entries were read from.
    generation: u64,
    /// Empty until first used; a key of 0 marks an empty entry.
    entries: Vec<Slot>,
}

impl ProbeCache {
    /// Empty the cache if its entries come from another trie or version.
    #[inline]
    fn prepare(&mut self, trie: &CharTrie) {
        if self.generation != trie.generation || self.entries.is_empty() {
            self.entries.clear();
            self.entries.resize(1 << CACHE_BITS, Slot::default());
            self.generation = trie.generation;
        }
    }
}

/// The word and bit of [`CharTrie::pairs`] for a word starting `first second`.
#[inline(always)]
fn pair_bit(first: char, second: char) -> (usize, u64) {
    let h = ((((first as u64) << CHAR_BITS) | second as u64).wrapping_mul(MULTIPLIER) >> (64 - PAIR_BITS)) as usize;
    (h >> 6, 1 << (h & 63))
}

/// `vec![Slot::default(); len]`, from zeroed memory: a fresh allocation that
/// large comes zeroed from the system (mmap, or new WebAssembly pages), which
/// the `vec!` of a struct would still write slot by slot. (qingwen addition:
/// the 16 MB table of the default dictionary took 11 ms to fill in wasm.)
fn zeroed_slots(len: usize) -> Vec<Slot> {
    let zeros: Vec<[u64; 2]> = vec![[0; 2]; len];
    let mut zeros = std::mem::ManuallyDrop::new(zeros);
    // SAFETY: `Slot` is `{ u64, u32, i32 }`: 16 bytes, aligned to 8 like
    // `[u64; 2]`, so the allocation has the layout a `Vec<Slot>` of the same
    // length and capacity needs, and all-zero bytes are `Slot::default()`.
    const _: () =
        assert!(std::mem::size_of::<Slot>() == 16 && std::mem::align_of::<Slot>() == std::mem::align_of::<[u64; 2]>());
    unsafe { Vec::from_raw_parts(zeros.as_mut_ptr().cast::<Slot>(), zeros.len(), zeros.capacity()) }
}

#[inline(always)]
fn key(parent: u32, ch: char) -> u64 {
    (((parent as u64) << CHAR_BITS) | ch as u64) + 1
}

/// The bits a character sets in a node's two child filters: one of 16 in
/// the key's high bits, one of 8 in the child pointer's high bits. A
/// lookup probes only when both are set; with the fan-out this dictionary
/// has (median 1, p90 3) that rejects most characters that are not
/// children without touching the hash table.
#[inline(always)]
fn filter_bits(ch: char) -> (u64, u32) {
    let h = (ch as u32).wrapping_mul(0x9E37_79B1);
    (1u64 << (KEY_BITS + (h >> 28)), 1u32 << (ID_BITS + ((h >> 25) & 7)))
}

impl CharTrie {
    pub(crate) fn new() -> Self {
        Self::with_slots(1 << 10)
    }

    fn with_slots(slots: usize) -> Self {
        debug_assert!(slots.is_power_of_two());
        CharTrie {
            root: vec![
                RootEntry {
                    child: 0,
                    word_id: NO_WORD
                };
                ROOT_TABLE_LEN
            ],
            slots: vec![Slot::default(); slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
            next_node: 1,
            pairs: vec![0; 1 << (PAIR_BITS - 6)],
            generation: next_generation(),
        }
    }

    /// Make room for about `words` more words without rehashing.
    #[cfg_attr(not(feature = "default-dict"), allow(dead_code))] // qingwen: `DictBuilder` does not need it
    pub(crate) fn reserve(&mut self, words: usize) {
        // The default dictionary has 1.43 nodes per word; leave headroom.
        let nodes = self.len + words + words / 2;
        let needed = (nodes * 8).div_ceil(MAX_LOAD_EIGHTHS).next_power_of_two();
        if needed > self.slots.len() {
            self.rehash(needed);
        }
    }

    #[inline(always)]
    fn index(&self, key: u64) -> usize {
        (key.wrapping_mul(MULTIPLIER) >> self.shift) as usize
    }

    /// Index of the slot holding the (filter-free) `key`, or of the empty
    /// slot where it would go.
    #[inline(always)]
    fn probe(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.index(key);
        loop {
            let stored = self.slots[i].key;
            if stored & KEY_MASK == key || stored == 0 {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Record the first two characters of `word` in [`CharTrie::pairs`].
    #[inline]
    fn note_pair(&mut self, word: &str) {
        let mut chars = word.chars();
        if let (Some(first), Some(second)) = (chars.next(), chars.next()) {
            let (i, bit) = pair_bit(first, second);
            self.pairs[i] |= bit;
        }
    }

    /// Whether some word may start with `first second` (no when it is false).
    #[inline(always)]
    fn may_have_pair(&self, first: char, second: char) -> bool {
        let (i, bit) = pair_bit(first, second);
        self.pairs[i] & bit != 0
    }

    /// The root's transition on `ch`: `(child pointer, word id)`.
    #[inline(always)]
    fn root_step(&self, ch: char) -> Option<(u32, i32)> {
        if (ch as usize) < ROOT_TABLE_LEN {
            let entry = self.root[ch as usize];
            return (entry.child != 0).then_some((entry.child, entry.word_id));
        }
        let slot = &self.slots[self.probe(key(0, ch))];
        (slot.key != 0).then_some((slot.child, slot.word_id))
    }

    /// The id of `word`, if it is in the dictionary.
    pub(crate) fn get(&self, word: &str) -> Option<i32> {
        let mut chars = word.chars();
        let (mut child, mut word_id) = self.root_step(chars.next()?)?;
        // The root has no key filter; only the pointer filter applies.
        let mut key_filter = u64::MAX;
        for ch in chars {
            let slot = self.step(key_filter, child, ch)?;
            key_filter = slot.key;
            child = slot.child;
            word_id = slot.word_id;
        }
        (word_id != NO_WORD).then_some(word_id)
    }

    /// The slot of the child reached from node `child` (with its key
    /// `key_filter`) on `ch`, if the node has one. The filters in the spare
    /// bits of both reject most absent children before the probe.
    #[inline(always)]
    fn step(&self, key_filter: u64, child: u32, ch: char) -> Option<&Slot> {
        let (a, b) = filter_bits(ch);
        if key_filter & a == 0 || child & b == 0 {
            return None;
        }
        let slot = &self.slots[self.probe(key(child & ID_MASK, ch))];
        (slot.key != 0).then_some(slot)
    }

    /// Call `emit(char_index, end_index, word_id)` for every dictionary word
    /// starting at every character of `chars` (byte offset and value of
    /// each character of a text), position by position and shortest word
    /// first within a position. `end_index` is the index of the character
    /// after the word.
    ///
    /// `cache` remembers the probes of the hash table (see [`ProbeCache`]).
    pub(crate) fn for_each_prefix_at_every_char(
        &self,
        chars: &[(u32, char)],
        cache: &mut ProbeCache,
        mut emit: impl FnMut(usize, usize, i32),
    ) {
        cache.prepare(self);
        let entries = &mut cache.entries[..];
        // (qingwen: jieba-rs 0.11.0 loaded, for each position, the slot the
        // walk three positions later would probe, to have it in cache by then.
        // With the probe cache nearly every probe is served from the cache, so
        // those loads were misses spent on slots the walk would not touch:
        // without them tagging a novel took 15% less time natively.)
        let n = chars.len();

        for pos in 0..n {
            let (_, first) = chars[pos];
            let Some((mut child, mut word_id)) = self.root_step(first) else {
                continue;
            };
            let mut key_filter = u64::MAX;
            let mut next = pos + 1;
            loop {
                if word_id != NO_WORD {
                    emit(pos, next, word_id);
                }
                if next >= n {
                    break;
                }
                // The same transition as `step`, written out: the walk is the
                // hottest loop in the crate, and going through the helper
                // measurably slowed it down.
                let (_, ch) = chars[next];
                let (a, b) = filter_bits(ch);
                if key_filter & a == 0 || child & b == 0 || (next == pos + 1 && !self.may_have_pair(first, ch)) {
                    break;
                }
                let key = key(child & ID_MASK, ch);
                let entry = &mut entries[(key.wrapping_mul(MULTIPLIER) >> (64 - CACHE_BITS)) as usize];
                if entry.key & KEY_MASK != key {
                    let slot = &self.slots[self.probe(key)];
                    *entry = if slot.key == 0 {
                        Slot {
                            key,
                            child: 0,
                            word_id: NO_WORD,
                        }
                    } else {
                        *slot
                    };
                }
                let slot = *entry;
                if slot.child == 0 {
                    break;
                }
                key_filter = slot.key;
                child = slot.child;
                word_id = slot.word_id;
                next += 1;
            }
        }
    }

    /// Set the id of `word`, creating its nodes as needed. Returns the id it
    /// had before, if any. An empty word is ignored and returns `None`.
    pub(crate) fn insert(&mut self, word: &str, word_id: i32) -> Option<i32> {
        debug_assert!(word_id >= 0, "word ids are non-negative");
        self.note_pair(word);
        self.generation = next_generation();
        let mut chars = word.chars().peekable();
        let mut parent = 0u32;
        // Where the pointer to `parent` is stored, so its child filters can
        // be updated when `parent` gains a child.
        let mut parent_ref = ParentRef::Root;
        while let Some(ch) = chars.next() {
            let last = chars.peek().is_none();
            if parent == 0 && (ch as usize) < ROOT_TABLE_LEN {
                let i = ch as usize;
                if self.root[i].child == 0 {
                    self.root[i].child = self.alloc_node();
                }
                if last {
                    return Some(std::mem::replace(&mut self.root[i].word_id, word_id)).filter(|&old| old != NO_WORD);
                }
                parent = self.root[i].child & ID_MASK;
                parent_ref = ParentRef::RootEntry(i);
                continue;
            }

            let (a, b) = filter_bits(ch);
            match parent_ref {
                ParentRef::Root => {}
                ParentRef::RootEntry(i) => self.root[i].child |= b,
                ParentRef::Slot(i) => {
                    self.slots[i].key |= a;
                    self.slots[i].child |= b;
                }
            }
            let key = key(parent, ch);
            let mut i = self.probe(key);
            if self.slots[i].key == 0 {
                if self.grow_if_needed() {
                    i = self.probe(key);
                }
                self.slots[i] = Slot {
                    key,
                    child: self.alloc_node(),
                    word_id: NO_WORD,
                };
                self.len += 1;
            }
            if last {
                return Some(std::mem::replace(&mut self.slots[i].word_id, word_id)).filter(|&old| old != NO_WORD);
            }
            parent = self.slots[i].child & ID_MASK;
            parent_ref = ParentRef::Slot(i);
        }
        None
    }

    /// Like [`CharTrie::insert`], for the words of one dictionary in a row:
    /// each word's walk starts where it parts from the word before it. While
    /// the words come in strictly increasing order (as in a dictionary sorted
    /// by word) every character after that point is a new node, so nothing is
    /// looked up: the new slots are collected in `bulk` and put into the hash
    /// table by [`CharTrie::finish_bulk`], sized once for all of them.
    /// The first word out of order puts the collected slots in and the rest
    /// is inserted slot by slot. Call `finish_bulk` after the last word.
    ///
    /// (qingwen: added for `DictBuilder`; not in jieba-rs 0.11.0.)
    pub(crate) fn insert_bulk(&mut self, bulk: &mut Bulk, word: &str, word_id: i32) -> Option<i32> {
        debug_assert!(word_id >= 0, "word ids are non-negative");
        self.note_pair(word);
        let mut shared = 0;
        let mut rest = word.chars();
        for step in &bulk.steps {
            let mut ahead = rest.clone();
            if ahead.next() != Some(step.ch) {
                break;
            }
            rest = ahead;
            shared += 1;
        }
        let next = rest.clone().next();
        let ascending = match (next, bulk.steps.get(shared)) {
            (None, _) => false,
            (Some(ch), Some(step)) => ch > step.ch,
            (Some(_), None) => true,
        };
        if bulk.sorted && !ascending {
            // The steps pointed into the collected slots, which move into the table.
            bulk.sorted = false;
            self.finish_bulk(bulk);
            shared = 0;
            rest = word.chars();
        }
        bulk.steps.truncate(shared);
        if bulk.sorted {
            self.append_sorted(bulk, rest, word_id);
            None
        } else {
            self.insert_unsorted(bulk, word, shared, rest, word_id)
        }
    }

    /// The characters `rest` of a word that comes after every word inserted
    /// so far, after the characters it shares with the previous one: all new nodes.
    fn append_sorted(&mut self, bulk: &mut Bulk, rest: std::str::Chars<'_>, word_id: i32) {
        let (mut parent, mut parent_at) = match bulk.steps.last() {
            Some(step) => (step.node, step.at),
            None => (0, At::Root),
        };
        for ch in rest {
            let at = if parent == 0 && (ch as usize) < ROOT_TABLE_LEN {
                let i = ch as usize;
                debug_assert_eq!(self.root[i].child, 0, "words in increasing order");
                self.root[i].child = self.alloc_node();
                At::RootEntry(i)
            } else {
                let (a, b) = filter_bits(ch);
                match parent_at {
                    At::Root => {}
                    At::RootEntry(i) => self.root[i].child |= b,
                    At::Slot(i) => {
                        bulk.pending[i].key |= a;
                        bulk.pending[i].child |= b;
                    }
                }
                bulk.pending.push(Slot {
                    key: key(parent, ch),
                    child: self.alloc_node(),
                    word_id: NO_WORD,
                });
                At::Slot(bulk.pending.len() - 1)
            };
            let node = match at {
                At::RootEntry(i) => self.root[i].child & ID_MASK,
                At::Slot(i) => bulk.pending[i].child & ID_MASK,
                At::Root => unreachable!("a step never leads back to the root"),
            };
            bulk.steps.push(Step { ch, node, at });
            parent = node;
            parent_at = at;
        }
        match parent_at {
            At::RootEntry(i) => self.root[i].word_id = word_id,
            At::Slot(i) => bulk.pending[i].word_id = word_id,
            At::Root => {} // an empty word is ignored
        }
    }

    /// `insert` after the words stopped coming in order: `bulk.steps` (the
    /// first `shared` characters of `word`, followed by `rest`) hold slot
    /// indices of the table itself.
    fn insert_unsorted(
        &mut self,
        bulk: &mut Bulk,
        word: &str,
        shared: usize,
        rest: std::str::Chars<'_>,
        word_id: i32,
    ) -> Option<i32> {
        self.generation = next_generation();
        // Growing the table moves every slot, and the steps hold slot
        // indices: grow first (as if every character needed a slot), then walk.
        let chars = word.chars().count();
        if (self.len + chars) * 8 > self.slots.len() * MAX_LOAD_EIGHTHS {
            self.reserve_slots(self.len + chars);
            bulk.steps.clear();
            return self.insert_unsorted(bulk, word, 0, word.chars(), word_id);
        }
        debug_assert_eq!(bulk.steps.len(), shared);
        let (mut parent, mut parent_at) = match bulk.steps.last() {
            Some(step) => (step.node, step.at),
            None => (0, At::Root),
        };
        for ch in rest {
            let at = if parent == 0 && (ch as usize) < ROOT_TABLE_LEN {
                let i = ch as usize;
                if self.root[i].child == 0 {
                    self.root[i].child = self.alloc_node();
                }
                At::RootEntry(i)
            } else {
                let (a, b) = filter_bits(ch);
                match parent_at {
                    At::Root => {}
                    At::RootEntry(i) => self.root[i].child |= b,
                    At::Slot(i) => {
                        self.slots[i].key |= a;
                        self.slots[i].child |= b;
                    }
                }
                let key = key(parent, ch);
                let i = self.probe(key);
                if self.slots[i].key == 0 {
                    self.slots[i] = Slot {
                        key,
                        child: self.alloc_node(),
                        word_id: NO_WORD,
                    };
                    self.len += 1;
                }
                At::Slot(i)
            };
            let node = match at {
                At::RootEntry(i) => self.root[i].child & ID_MASK,
                At::Slot(i) => self.slots[i].child & ID_MASK,
                At::Root => unreachable!("a step never leads back to the root"),
            };
            bulk.steps.push(Step { ch, node, at });
            parent = node;
            parent_at = at;
        }
        let old = match parent_at {
            At::RootEntry(i) => std::mem::replace(&mut self.root[i].word_id, word_id),
            At::Slot(i) => std::mem::replace(&mut self.slots[i].word_id, word_id),
            At::Root => return None, // an empty word is ignored
        };
        (old != NO_WORD).then_some(old)
    }

    /// Puts the slots `insert_bulk` collected into the hash table. (Grouping
    /// them by home slot first, so that the table is written through a window
    /// that stays in the cache, measured 6% slower: the writes do not depend on
    /// each other, so their cache misses overlap anyway.)
    pub(crate) fn finish_bulk(&mut self, bulk: &mut Bulk) {
        self.generation = next_generation();
        let pending = std::mem::take(&mut bulk.pending);
        bulk.steps.clear();
        self.reserve_slots(self.len + pending.len());
        for slot in pending {
            let i = self.probe(slot.key & KEY_MASK);
            debug_assert_eq!(self.slots[i].key, 0, "each node is new");
            self.slots[i] = slot;
            self.len += 1;
        }
    }

    /// Grow the table, if needed, to hold `len` slots under the load limit.
    fn reserve_slots(&mut self, len: usize) {
        let mut slots = self.slots.len();
        while len * 8 > slots * MAX_LOAD_EIGHTHS {
            slots *= 2;
        }
        if slots > self.slots.len() {
            self.rehash(slots);
        }
    }

    #[inline]
    fn alloc_node(&mut self) -> u32 {
        let id = self.next_node;
        assert!(id < MAX_NODES, "dictionary has too many distinct prefixes");
        self.next_node += 1;
        id
    }

    /// Double the table if adding one entry would exceed the load limit.
    /// Returns whether it did, which invalidates slot indices.
    fn grow_if_needed(&mut self) -> bool {
        if (self.len + 1) * 8 > self.slots.len() * MAX_LOAD_EIGHTHS {
            self.rehash(self.slots.len() * 2);
            true
        } else {
            false
        }
    }

    fn rehash(&mut self, slots: usize) {
        let old = std::mem::replace(&mut self.slots, zeroed_slots(slots));
        self.shift = 64 - slots.trailing_zeros();
        for slot in old.into_iter().filter(|s| s.key != 0) {
            let i = self.probe(slot.key & KEY_MASK);
            self.slots[i] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars_of(text: &str) -> Vec<(u32, char)> {
        text.char_indices().map(|(o, c)| (o as u32, c)).collect()
    }

    /// Dictionary words that are prefixes of `text`, shortest first.
    fn prefixes<'a>(trie: &CharTrie, text: &'a str) -> Vec<(i32, &'a str)> {
        let chars = chars_of(text);
        let mut out = Vec::new();
        trie.for_each_prefix_at_every_char(&chars, &mut ProbeCache::default(), |pos, end, id| {
            if pos == 0 {
                let byte_end = chars.get(end).map_or(text.len(), |&(o, _)| o as usize);
                out.push((id, &text[..byte_end]));
            }
        });
        out
    }

    #[test]
    fn test_prefixes_at_every_char() {
        let mut trie = CharTrie::new();
        for (i, w) in ["a", "ab", "abc", "b", "bc", "c", "中", "中国", "国"]
            .iter()
            .enumerate()
        {
            trie.insert(w, i as i32);
        }
        let text = "abc中国x";
        let mut out = Vec::new();
        trie.for_each_prefix_at_every_char(&chars_of(text), &mut ProbeCache::default(), |pos, end, id| {
            out.push((pos, end, id))
        });
        // Position by position, shortest word first; ends are character indices.
        assert_eq!(
            out,
            vec![
                (0, 1, 0),
                (0, 2, 1),
                (0, 3, 2),
                (1, 2, 3),
                (1, 3, 4),
                (2, 3, 5),
                (3, 4, 6),
                (3, 5, 7),
                (4, 5, 8)
            ]
        );
    }

    #[test]
    fn test_insert_get_prefixes() {
        let mut trie = CharTrie::with_slots(4);
        let words = [
            "网",
            "网球",
            "网球拍",
            "球拍",
            "拍卖",
            "拍卖会",
            "a",
            "ab",
            "𦡦",
            "𦡦𦡦",
            "中",
        ];
        for (i, w) in words.iter().enumerate() {
            assert_eq!(trie.insert(w, i as i32), None);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(trie.get(w), Some(i as i32), "{w}");
        }
        assert_eq!(trie.get(""), None);
        assert_eq!(trie.get("网球拍卖"), None);
        assert_eq!(trie.get("球"), None); // prefix node without a word
        assert_eq!(trie.get("x"), None);
        assert_eq!(trie.get("abc"), None);
        assert_eq!(trie.get("𦡦x"), None);

        assert_eq!(
            prefixes(&trie, "网球拍卖会"),
            vec![(0, "网"), (1, "网球"), (2, "网球拍")]
        );
        assert_eq!(prefixes(&trie, "拍卖会def"), vec![(4, "拍卖"), (5, "拍卖会")]);
        assert_eq!(prefixes(&trie, "球"), vec![]);
        assert_eq!(prefixes(&trie, "abc"), vec![(6, "a"), (7, "ab")]);
        assert_eq!(prefixes(&trie, "𦡦𦡦𦡦"), vec![(8, "𦡦"), (9, "𦡦𦡦")]);
        assert_eq!(prefixes(&trie, ""), vec![]);
        assert_eq!(prefixes(&trie, "zzz"), vec![]);
    }

    #[test]
    fn test_reinsert_replaces_id() {
        let mut trie = CharTrie::new();
        assert_eq!(trie.insert("中国", 1), None);
        assert_eq!(trie.insert("中国", 2), Some(1));
        assert_eq!(trie.get("中国"), Some(2));
        assert_eq!(trie.insert("中", 3), None);
        assert_eq!(trie.insert("中", 4), Some(3));
        assert_eq!(prefixes(&trie, "中国人"), vec![(4, "中"), (2, "中国")]);
    }

    /// Many children of one node fill its filters; every child must still be
    /// found and non-children rejected.
    #[test]
    fn test_wide_fanout() {
        let mut trie = CharTrie::with_slots(2);
        let children: Vec<String> = (0x4E00..0x4E00 + 300)
            .map(|c| format!("大{}", char::from_u32(c).unwrap()))
            .collect();
        for (i, w) in children.iter().enumerate() {
            trie.insert(w, i as i32);
        }
        for (i, w) in children.iter().enumerate() {
            assert_eq!(trie.get(w), Some(i as i32));
        }
        assert_eq!(trie.get("大x"), None);
        assert_eq!(trie.get("大"), None);
        assert_eq!(prefixes(&trie, "大a"), vec![]);
        assert_eq!(prefixes(&trie, "大一"), vec![(0, "大一")]);
    }

    #[test]
    fn test_grows_and_survives_rehash() {
        let mut trie = CharTrie::with_slots(2);
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}x{}", i % 7)).collect();
        for (i, w) in words.iter().enumerate() {
            trie.insert(w, i as i32);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(trie.get(w), Some(i as i32));
        }
        assert_eq!(prefixes(&trie, "w12x5zzz"), vec![(12, "w12x5")]);
        assert!(trie.slots.len() * MAX_LOAD_EIGHTHS >= trie.len * 8);
    }

    #[test]
    fn test_reserve_avoids_growth() {
        let mut trie = CharTrie::new();
        trie.reserve(10_000);
        let slots = trie.slots.len();
        for i in 0..10_000 {
            trie.insert(&format!("{i}"), i);
        }
        assert_eq!(trie.slots.len(), slots);
        assert_eq!(trie.get("9999"), Some(9999));
    }
}
