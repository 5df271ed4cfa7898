// The fixpoint's transfer along one CFG edge: each part of the source
// block's end state assumes the edge's condition (or, refused, takes the
// kernel's speculative path where it has one) and forgets the registers
// dead at the target; in loops that hold loops (BlockFacts::walked_again)
// the results of conditional edges are remembered (transfer_memo.hpp) and
// every output carries a stamp named after its input's.
#pragma once

#include "analyzer/engine/block_facts.hpp"
#include "analyzer/engine/transfer_memo.hpp"
#include "analyzer/transfer/executor.hpp"
#include "cfg/cfg.hpp"
#include "domains/partitioned_state.hpp"

namespace bpfcheck::analyzer {

struct EdgeTransfer {
    const cfg::Cfg& cfg;
    const Executor& executor;
    const BlockFacts& blocks;
    TransferMemo& memo;  // slots: the blocks, then the edges
};

domains::PartitionedState transfer_edge(const EdgeTransfer& in, const cfg::Edge& e,
                                        const domains::PartitionedState& post);

}  // namespace bpfcheck::analyzer
