// `bpfcheck explain --format html`: one self-contained page. The explanation
// is embedded as JSON (with "</" escaped so it cannot close the script); a
// small plain script builds the page: the error, category, explanation and
// fix at the top, the evidence chain, and the program's instructions beside
// their source lines, the failing path, the failing instruction and the
// evidence highlighted; hovering or clicking an instruction shows the
// kernel's and bpfcheck's register state there. Nothing is fetched.
#include "cli/explain/explain_render.hpp"

#include <string>

namespace bpfcheck::cli {

namespace {

constexpr const char* kStyle = R"(
body{font-family:sans-serif;margin:0;color:#222}
header{padding:12px 16px;background:#fbeaea;border-bottom:2px solid #c33}
header.kernel-limit{background:#fff6e0;border-color:#d90}
header.environment{background:#e8f0fb;border-color:#36c}
h1{font-size:18px;margin:0 0 6px} .cat{font-weight:bold;text-transform:uppercase}
main{display:flex;gap:12px;padding:12px 16px} #code{flex:3;overflow:auto} #side{flex:2}
table{border-collapse:collapse;font-family:monospace;font-size:12px;width:100%}
td{padding:1px 6px;vertical-align:top;white-space:pre} td.src{color:#555;white-space:normal}
tr.path td.insn{background:#eef5ff} tr.fail td{background:#f8c8c8!important;font-weight:bold}
tr.evidence td.insn{background:#fff0b3} tr:hover td{outline:1px solid #999;cursor:pointer}
tr.sel td{background:#dde}
#state{font-family:monospace;font-size:12px;white-space:pre-wrap;border:1px solid #ccc;padding:6px;min-height:40px}
#evidence li{margin-bottom:6px} .muted{color:#777}
)";

constexpr const char* kScript = R"(
(function(){
var d=JSON.parse(document.getElementById('data').textContent);
var e=d.error; function el(t,a,txt){var n=document.createElement(t);if(a)for(var k in a)n.setAttribute(k,a[k]);if(txt!==undefined)n.textContent=txt;return n;}
var h=document.getElementById('head'); h.className=e.category;
h.appendChild(el('h1',{id:'error'},(e.file?e.file+':'+e.line+': ':'')+'error: '+e.message+' ['+e.id+']'));
if(d.source)h.appendChild(el('pre',{id:'source'},d.source));
var c=el('div',{id:'category'});c.appendChild(el('span',{'class':'cat'},e.category));c.appendChild(document.createTextNode(' - '+d.bpfcheck.category_reason));h.appendChild(c);
h.appendChild(el('p',{id:'explanation'},e.explanation));
h.appendChild(el('p',{id:'hint'},'Fix: '+e.hint));
var ev=document.getElementById('evidence'); var evInsns={};
d.evidence.forEach(function(x){var li=el('li',{'class':'evidence-item'});
 li.appendChild(el('b',null,'insn '+x.insn+(x.line?' (line '+x.line+')':'')+': '));li.appendChild(el('code',null,x.text));
 li.appendChild(el('div',null,x.why));ev.appendChild(li); if(x.insn!==null)evInsns[x.insn]=1;});
if(!d.evidence.length)ev.appendChild(el('li',{'class':'muted'},'no evidence could be traced'));
(d.notes||[]).forEach(function(n){document.getElementById('notes').appendChild(el('li',null,n));});
var tb=document.getElementById('rows'); var last='';
var st=document.getElementById('state');
function show(r){st.textContent='insn '+r.insn+': '+r.text+'\n\nkernel (after): '+(r.kernel_state||'-')+'\n\nbpfcheck (before): '+(r.bpfcheck_state||'-');}
d.rows.forEach(function(r){var cls=[];if(r.on_path)cls.push('path');if(e.insn===r.insn)cls.push('fail');if(evInsns[r.insn])cls.push('evidence');
 var tr=el('tr',{'class':cls.join(' '),'data-insn':r.insn});
 var key=r.file+':'+r.line; var src=(r.line&&key!==last)?(r.line+': '+r.source):''; last=r.line?key:last;
 tr.appendChild(el('td',{'class':'src'},src));tr.appendChild(el('td',{'class':'num'},String(r.insn)));tr.appendChild(el('td',{'class':'insn'},r.text));
 tr.title=(r.kernel_state?'kernel: '+r.kernel_state:'')+(r.bpfcheck_state?'\nbpfcheck: '+r.bpfcheck_state:'');
 tr.addEventListener('mouseenter',function(){show(r);});
 tr.addEventListener('click',function(){var s=document.querySelector('tr.sel');if(s)s.classList.remove('sel');tr.classList.add('sel');show(r);});
 tb.appendChild(tr);});
var f=document.querySelector('tr.fail'); if(f){var r=d.rows.filter(function(x){return x.insn===e.insn;})[0]; if(r)show(r);}
})();
)";

std::string escape_html(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

void render_explain_html(std::ostream& out, const explain::Explanation& e) {
    nlohmann::json data = explanation_json(e);
    data["source"] = e.source;
    nlohmann::json rows = nlohmann::json::array();
    for (const explain::InsnRow& row : e.rows) {
        rows.push_back({{"insn", row.insn},
                        {"text", row.text},
                        {"file", row.file},
                        {"line", row.line},
                        {"source", row.source},
                        {"kernel_state", row.kernel_state},
                        {"bpfcheck_state", row.bpfcheck_state},
                        {"on_path", row.on_path}});
    }
    data["rows"] = rows;
    std::string json = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string safe;
    for (std::size_t i = 0; i < json.size(); ++i) {
        if (json[i] == '<') {
            safe += "\\u003c";
        } else {
            safe += json[i];
        }
    }
    out << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>bpfcheck explain: "
        << escape_html(e.program.empty() ? std::string("program") : e.program) << "</title>\n<style>" << kStyle
        << "</style></head>\n<body>\n<header id=\"head\"></header>\n<main><div id=\"code\"><h2>Program</h2>"
        << "<table><thead><tr><th>source</th><th>#</th><th>instruction</th></tr></thead><tbody id=\"rows\">"
        << "</tbody></table></div>\n<div id=\"side\"><h2>Evidence</h2><ol id=\"evidence\"></ol>"
        << "<h2>State</h2><div id=\"state\">hover or click an instruction</div><h2>Notes</h2><ul id=\"notes\"></ul>"
        << "</div></main>\n<noscript><pre>" << escape_html(e.message) << "</pre></noscript>\n"
        << "<script type=\"application/json\" id=\"data\">" << safe << "</script>\n<script>" << kScript
        << "</script>\n</body></html>\n";
}

}  // namespace bpfcheck::cli
