// One register or stack slot as the verifier log prints it, in every format
// kernels 5.4 to 6.18 use: "R1=ctx(off=0,imm=0)", "R1_w=inv(id=0,umax_value=255,
// var_off=(0x0; 0xff))", "R2_w=invP0", "R0=scalar(smin=umin=0,smax=umax=255,
// var_off=(0x0; 0xff))", "R3=pkt(id=0,off=0,r=8,imm=0)", "fp-8=mmmm????",
// "fp-16_w=map_value(...)", "R10=fp0,call_-1". Old "inv" is the new "scalar";
// "_w" marks a register written in this instruction (a 32-bit subregister
// write sets it too); "P" marks a precise scalar.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcheck::explain {

struct SlotState {
    std::string name;      // "R1", "fp-8"
    std::string type;      // "scalar", "ctx", "map_value_or_null", "fp", "stack" (for slot masks "mmmm????") ...
    std::string text;      // what followed '=' as printed
    bool written = false;  // "_w"
    bool precise = false;  // "P" / "invP"
    std::map<std::string, std::string> fields;  // "umax" -> "255"; old names normalised ("umax_value" -> "umax")
    std::string constant;                       // "0" for "R2=0" / "invP0"; empty when not a constant

    // "scalar(umax=255)" style summary in the new syntax.
    std::string summary() const;
    // A scalar with no bound at all (no umax/smax/constant/var_off mask narrower than 64 bits).
    bool unbounded_scalar() const;
};

// The states on a line: "R1=ctx() R10=fp0 fp-8=mmmm????" (tolerates prefixes
// such as "frame1: " and junk between entries). Entries it cannot read are skipped.
std::vector<SlotState> parse_states(std::string_view text);

}  // namespace bpfcheck::explain
