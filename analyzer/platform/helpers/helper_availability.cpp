// Queries over the generated availability table (helper_availability_data.inc,
// written by tests/tools/probe_helpers.c; see its header for how).
#include "analyzer/platform/helpers/helper_availability.hpp"

#include <algorithm>

namespace bpfcheck::analyzer {
namespace {

#include "analyzer/platform/helpers/helper_availability_data.inc"

constexpr std::int32_t kFirstHelper = 1;
constexpr std::int32_t kLastHelper = 211;

// The types the kernel lets a loader without CAP_BPF load (bpf_prog_load).
bool loads_unprivileged(std::string_view program_type) {
    return program_type == "socket_filter" || program_type == "cgroup_skb";
}

bool loads_at(const AvailabilityRecord& record, Privilege privilege) {
    switch (privilege) {
        case Privilege::Full:
            return true;
        case Privilege::CapBpf:
            return record.loads_with_cap_bpf;
        case Privilege::Unprivileged:
            return record.loads_with_cap_bpf && loads_unprivileged(record.program_type);
    }
    return false;
}

// The helpers `record` may call at `privilege` (the record must load there).
bool allows(const AvailabilityRecord& record, std::int32_t helper_id, Privilege privilege) {
    switch (privilege) {
        case Privilege::Full:
            return record.full.contains(helper_id);
        case Privilege::CapBpf:
            return record.cap_bpf.contains(helper_id);
        case Privilege::Unprivileged:
            return record.cap_bpf.contains(helper_id) && !kBaseNeedsCapBpf.contains(helper_id);
    }
    return false;
}

bool allows_or_by_target(const AvailabilityRecord& record, std::int32_t helper_id, Privilege privilege) {
    return loads_at(record, privilege) &&
           (allows(record, helper_id, privilege) || record.by_target.contains(helper_id));
}

std::span<const AvailabilityRecord> records_of(std::string_view program_type) {
    const std::span<const AvailabilityRecord> all{kAvailabilityRecords};
    const auto first = std::find_if(all.begin(), all.end(),
                                    [&](const AvailabilityRecord& r) { return r.program_type == program_type; });
    const auto last =
        std::find_if(first, all.end(), [&](const AvailabilityRecord& r) { return r.program_type != program_type; });
    return {first, last};
}

template <typename Pick>
HelperAvailability decide(std::span<const AvailabilityRecord> records, Pick pick, std::int32_t helper_id,
                          Privilege privilege) {
    std::size_t loadable = 0;
    std::size_t allowed = 0;
    std::size_t by_target = 0;
    bool with_cap_bpf = false;
    bool with_perfmon = false;
    for (const AvailabilityRecord& record : records) {
        if (!pick(record)) {
            continue;
        }
        with_cap_bpf = with_cap_bpf || (record.loads_with_cap_bpf && allows(record, helper_id, Privilege::CapBpf));
        with_perfmon = with_perfmon || allows_or_by_target(record, helper_id, Privilege::Full);
        if (!loads_at(record, privilege)) {
            continue;
        }
        ++loadable;
        if (allows(record, helper_id, privilege)) {
            ++allowed;
        } else if (record.by_target.contains(helper_id)) {
            ++by_target;
        }
    }
    if (loadable == 0) {
        return HelperAvailability::TypeNeedsPrivilege;
    }
    if (allowed == loadable) {
        return HelperAvailability::Allowed;
    }
    if (allowed + by_target > 0) {
        return HelperAvailability::SomeVariants;
    }
    if (privilege == Privilege::Unprivileged && with_cap_bpf) {
        return HelperAvailability::NeedsCapBpf;
    }
    if (privilege != Privilege::Full && with_perfmon) {
        return HelperAvailability::NeedsCapPerfmon;
    }
    return HelperAvailability::NotForProgramType;
}

bool known_helper(std::int32_t helper_id) {
    return helper_id >= kFirstHelper && helper_id <= kLastHelper;
}

}  // namespace

std::span<const AvailabilityRecord> helper_availability_records() {
    return kAvailabilityRecords;
}

const HelperSet& helpers_needing_cap_bpf() {
    return kBaseNeedsCapBpf;
}

HelperAvailability helper_availability(std::string_view program_type, std::int32_t helper_id, Privilege privilege) {
    const auto records = records_of(program_type);
    if (records.empty()) {
        return HelperAvailability::UnknownProgramType;
    }
    if (!known_helper(helper_id)) {
        return HelperAvailability::UnknownHelper;
    }
    return decide(
        records, [](const AvailabilityRecord&) { return true; }, helper_id, privilege);
}

HelperAvailability helper_availability(std::string_view program_type, std::string_view attach_type, bool sleepable,
                                       std::int32_t helper_id, Privilege privilege) {
    const auto records = records_of(program_type);
    if (records.empty()) {
        return HelperAvailability::UnknownProgramType;
    }
    if (!known_helper(helper_id)) {
        return HelperAvailability::UnknownHelper;
    }
    const bool attach_listed = std::any_of(records.begin(), records.end(), [&](const AvailabilityRecord& r) {
        return !attach_type.empty() && r.attach_type == attach_type;
    });
    const auto attach_matches = [&](const AvailabilityRecord& r) {
        return !attach_listed || r.attach_type == attach_type;
    };
    const bool sleepable_listed = std::any_of(records.begin(), records.end(), [&](const AvailabilityRecord& r) {
        return attach_matches(r) && r.sleepable == sleepable;
    });
    return decide(
        records,
        [&](const AvailabilityRecord& r) {
            return attach_matches(r) && (!sleepable_listed || r.sleepable == sleepable);
        },
        helper_id, privilege);
}

bool helper_allowed(std::string_view program_type, std::int32_t helper_id, bool privileged) {
    Privilege privilege = Privilege::Full;
    if (!privileged) {
        const auto records = records_of(program_type);
        const bool cap_bpf_loads = std::any_of(records.begin(), records.end(),
                                               [](const AvailabilityRecord& r) { return r.loads_with_cap_bpf; });
        if (loads_unprivileged(program_type) && cap_bpf_loads) {
            privilege = Privilege::Unprivileged;
        } else if (cap_bpf_loads) {
            privilege = Privilege::CapBpf;
        }
    }
    const HelperAvailability availability = helper_availability(program_type, helper_id, privilege);
    return availability == HelperAvailability::Allowed || availability == HelperAvailability::SomeVariants;
}

std::vector<std::string_view> program_types_allowing(std::int32_t helper_id, Privilege privilege) {
    std::vector<std::string_view> types;
    for (const AvailabilityRecord& record : kAvailabilityRecords) {
        if (allows_or_by_target(record, helper_id, privilege) &&
            std::find(types.begin(), types.end(), record.program_type) == types.end()) {
            types.push_back(record.program_type);
        }
    }
    return types;
}

std::vector<const AvailabilityRecord*> records_allowing(std::string_view program_type, std::int32_t helper_id,
                                                        Privilege privilege) {
    std::vector<const AvailabilityRecord*> found;
    for (const AvailabilityRecord& record : records_of(program_type)) {
        if (allows_or_by_target(record, helper_id, privilege)) {
            found.push_back(&record);
        }
    }
    return found;
}

bool helper_gpl_only(std::string_view program_type, std::int32_t helper_id) {
    bool any = false;
    for (const AvailabilityRecord& record : records_of(program_type)) {
        if (record.full.contains(helper_id)) {
            if (!record.gpl.contains(helper_id)) {
                return false;
            }
            any = true;
        }
    }
    return any;
}

std::string_view to_string(HelperAvailability availability) {
    switch (availability) {
        case HelperAvailability::Allowed:
            return "allowed";
        case HelperAvailability::SomeVariants:
            return "allowed for some attach types only";
        case HelperAvailability::NeedsCapBpf:
            return "needs CAP_BPF";
        case HelperAvailability::NeedsCapPerfmon:
            return "needs CAP_PERFMON";
        case HelperAvailability::NotForProgramType:
            return "not for this program type";
        case HelperAvailability::TypeNeedsPrivilege:
            return "program type needs more privilege";
        case HelperAvailability::UnknownHelper:
            return "unknown helper";
        case HelperAvailability::UnknownProgramType:
            return "unknown program type";
    }
    return "?";
}

}  // namespace bpfcheck::analyzer
