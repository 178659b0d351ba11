// reconcile/wire.hpp - state replication on the wire (optional layer): compact binary deltas
// and snapshots derived from the types, schema fingerprints, per-peer baselines.
//
// Names live in namespace reconcile::wire: encode, decode_into, replicator read as what they
// are beside it (wire::encode), and stay clear of the core's names (reconcile::apply).
#pragma once

#include <reconcile/wire/codec.hpp>
#include <reconcile/wire/error.hpp>
#include <reconcile/wire/packet.hpp>
#include <reconcile/wire/replicator.hpp>
#include <reconcile/wire/schema.hpp>
#include <reconcile/wire/snapshot.hpp>
