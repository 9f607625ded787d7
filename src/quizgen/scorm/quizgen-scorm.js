/* quizgen SCORM 1.2 adapter: shipped only inside SCORM packages (quizgen.scorm), never on the plain site.
 * In the launch page (the package's index.html, the SCO) it finds the LMS's API, initialises once and keeps the
 * session while the course's pages come and go in its frame. In those pages it hands the quiz runtime a store
 * backed by cmi.suspend_data (window.quizgenStore), reports the page shown and the final test's score.
 * Without an LMS the launch page opens the site itself, and the pages keep progress in localStorage as always. */
(()=>{'use strict';
const W=window,d=document,cfgEl=d.getElementById('qz-scorm');
if(cfgEl)launch(JSON.parse(cfgEl.textContent));else page();

/* Commits are few: an LMS such as Moodle answers each LMSCommit with a synchronous request (the page waits), and
 * lighter players send each as a keep-alive request with a small quota. Values are set as they change; commit()
 * runs on a page change, on grading and on exit, and a change made in between is committed within a minute. */

/* SCORM 1.2 RTE API discovery: the API object on a parent window (at most 7 levels up), else on the opener's */
function findAPI(w){
for(let n=0;w&&n<8;n++){
try{if(w.API&&typeof w.API.LMSInitialize=='function')return w.API}catch(e){/* another origin: keep looking */}
if(w.parent==null||w.parent===w)break;
w=w.parent}
return null}

/* Every call into the LMS goes through call(): an LMS that throws is an LMS that said no, never an error in the
 * learner's console. get() returns null when the LMS could not answer. */
function call(f){try{return f()}catch(e){return null}}

function launch(cfg){
const A=findAPI(W.parent!==W?W.parent:null)||(W.opener?findAPI(W.opener):null),frame=d.getElementById('qz-frame');
if(!A){W.location.replace(cfg.start);return}// no LMS: the offline site, as it is
if(String(call(()=>A.LMSInitialize('')))!=='true'){// an LMS that says no: the learner must know nothing is recorded
const note=d.getElementById('qz-lms');note.hidden=false;frame.src=cfg.start;return}
const get=k=>call(()=>{const v=A.LMSGetValue(k);return v==null?'':String(v)}),
set=(k,v)=>{const ok=String(call(()=>A.LMSSetValue(k,String(v))))==='true';if(ok)dirty=true;return ok};
let dirty=false;
const two=n=>String(n).padStart(2,'0');
const commit=()=>{dirty=false;call(()=>A.LMSCommit(''))},started=Date.now();
W.setInterval(()=>{if(dirty&&!ended)commit()},6e4);// a minute
const qix=new Map(cfg.questions.map((q,i)=>[q,i])),B64='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
let mastery=parseFloat(get('cmi.student_data.mastery_score'));
if(!(mastery>=0&&mastery<=100))mastery=cfg.mastery;
let best=parseFloat(get('cmi.core.score.raw')),suspend=get('cmi.suspend_data'),where=get('cmi.core.lesson_location'),ended=false;
if(isNaN(best))best=-1;
const status=get('cmi.core.lesson_status');
if(!status||status=='not attempted')set('cmi.core.lesson_status','incomplete');// committed with the first page

/* suspend_data (≤ 4096 characters): "1|table|quizzes|mistakes|rest". table names the package's lists of quiz keys
 * and question ids (a changed course does not misread an old record); quizzes are index.best.attempts.last in
 * base 36; mistakes a bitset over the question list, six to a character; rest the record's other fields as JSON
 * with quiz keys and question ids as short tokens. When rest does not fit, attempts already graded go first,
 * then every other field keeps only its shape: 学习记录 and 错题本 always fit (a test proves it). */
const n36=v=>Math.max(0,Math.round(+v||0)).toString(36);
const qzix=new Map(cfg.quizzes.map((q,i)=>[q,i]));
function walk(v,f){
if(Array.isArray(v))return v.map(x=>walk(x,f));
if(v&&typeof v=='object'){const o={};for(const[k,x]of Object.entries(v))o[f(k)]=walk(x,f);return o}
return typeof v=='string'?f(v):v}
const tok=x=>qix.has(x)?'~'+qix.get(x).toString(36):qzix.has(x)?'@'+qzix.get(x).toString(36):/^[~@\\]/.test(x)?'\\'+x:x;
const untok=x=>x[0]=='~'?cfg.questions[parseInt(x.slice(1),36)]||x:x[0]=='@'?cfg.quizzes[parseInt(x.slice(1),36)]||x:x[0]=='\\'?x.slice(1):x;
const shape=o=>Object.fromEntries(Object.entries(o).map(([k,v])=>[k,Array.isArray(v)?[]:v&&typeof v=='object'?{}:v]));
function pack(rec){
const qs=[];
for(const[k,r]of Object.entries(rec.quizzes||{})){
const i=qzix.get(k);
if(i!=null&&r&&typeof r=='object')qs.push([i,r.best,r.attempts,...(r.last==null?[]:[r.last])].map(n36).join('.'))}
const bits=new Array(Math.ceil(cfg.questions.length/6)).fill(0);
for(const id of rec.mistakes||[]){const i=qix.get(id);if(i!=null)bits[i/6|0]|=1<<i%6}
const rest={...rec};delete rest.course;delete rest.quizzes;delete rest.mistakes;
const head=['1',cfg.table,qs.join(','),bits.map(b=>B64[b]).join('').replace(/A+$/,'')].join('|');
const open=rest.current&&typeof rest.current=='object'?
{...rest,current:Object.fromEntries(Object.entries(rest.current).filter(([,a])=>!(a&&a.finished)))}:rest;
for(const r of[rest,open,shape(rest)]){const s=head+'|'+JSON.stringify(walk(r,tok));if(s.length<=4096)return s}
return head}
function unpack(s){
const p=s.split('|');
if(p[0]!=='1'||p[1]!==cfg.table)return null;
const quizzes={},mistakes=[];// what a truncated record still holds is read; the runtime checks every value
for(const e of p[2]?p[2].split(','):[]){
const[i,best,attempts,last]=e.split('.').map(x=>parseInt(x,36));
if(cfg.quizzes[i]!=null&&best>=0&&attempts>=0)quizzes[cfg.quizzes[i]]=last>=0?{best,attempts,last}:{best,attempts}}
[...p[3]||''].forEach((c,j)=>{const b=B64.indexOf(c);for(let k=0;k<6;k++)if(b>>k&1&&cfg.questions[6*j+k])mistakes.push(cfg.questions[6*j+k])});
let rest={version:1};
try{const o=walk(JSON.parse(p.slice(4).join('|')||'{}'),untok);if(o&&typeof o=='object'&&!Array.isArray(o))rest={...rest,...o}}catch(e){}
return{...rest,course:cfg.course,quizzes,mistakes}}

/* The runtime's store (store.js): a suspend_data the LMS could not give throws (progress is not saved, so as not
 * to overwrite what the LMS holds); one of a package whose quizzes or questions differ is no record (the course
 * changed: progress starts over); anything else not in this format is handed over as it is, which the runtime
 * reports as damaged and never overwrites; a save the LMS refuses throws, so the learner is told. */
W.quizgenScorm={
load(course){
if(suspend==null)throw Error('cmi.suspend_data unreadable');
if(course!==cfg.course||!suspend)return null;
if(/^1\|/.test(suspend)&&!suspend.startsWith(`1|${cfg.table}|`))return null;// an earlier package's: starts over
const rec=unpack(suspend);return rec?JSON.stringify(rec):suspend},
save(course,json){
if(course!==cfg.course||ended)return;
let rec;try{rec=JSON.parse(json)}catch(e){return}
const s=pack(rec);
if(s===suspend)return;
if(!set('cmi.suspend_data',s))throw Error('cmi.suspend_data refused');
suspend=s},// committed with the next page, grading or exit, or within a minute
at(href){// the page shown, relative to the site: resumed from on the next launch
const base=new URL(cfg.site,W.location.href).href;
if(ended||!href.startsWith(base))return;
const rel=href.slice(base.length).split(/[?#]/)[0]||'index.html';
if(rel!==where&&cfg.pages.includes(rel)&&set('cmi.core.lesson_location',rel))where=rel;
if(dirty)commit()},
graded(g,items){// the final test, as a percentage against the mastery score; the best attempt counts
const pct=Number(g&&g.percent);
if(ended||!g.final||!(pct>=0&&pct<=100))return;
if(pct>best){best=pct;set('cmi.core.score.min',0);set('cmi.core.score.max',100);set('cmi.core.score.raw',pct)}
set('cmi.core.lesson_status',best>=mastery?'passed':'failed');
interactions(items||[]);
commit()}};

/* Each question of a graded final test as cmi.interactions.n (appended, one set per attempt), for the LMS's item
 * reports: id, type, the learner's response and the correct one in SCORM 1.2's formats (choice: keys a,b; true-false:
 * t or f; fill-in: the blanks' text, comma-separated; at most 255 characters each), result and latency. */
const span=ms=>{const t=Math.max(0,Math.round(ms/10))/100,h=Math.min(9999,Math.floor(t/3600));
return`${two(h)}:${two(Math.floor(t/60)%60)}:${two(Math.floor(t%60))}.${two(Math.round(t%1*100)%100)}`};
function interactions(items){
let n=parseInt(get('cmi.interactions._count'),10);
if(!(n>=0))return;// an LMS without interactions
for(const q of items){
const p=`cmi.interactions.${n}.`;
if(!set(p+'id',q.id.slice(0,255)))return;
set(p+'type',q.type);set(p+'student_response',q.response.slice(0,255));
set(p+'correct_responses.0.pattern',q.correct.slice(0,255));
set(p+'result',q.result);set(p+'latency',span(q.latency));n++}}

function finish(){
if(ended)return;
ended=true;
const t=Math.round((Date.now()-started)/1e3);
set('cmi.core.session_time',`${two(Math.floor(t/3600))}:${two(Math.floor(t/60)%60)}:${two(t%60)}`);
set('cmi.core.exit','suspend');// keeps suspend_data: 学习记录 and 错题本 go on at the next launch
commit();call(()=>A.LMSFinish(''))}
W.addEventListener('pagehide',finish);
W.addEventListener('beforeunload',finish);
frame.src=cfg.site+(cfg.pages.includes(where)?where:cfg.start.slice(cfg.site.length))}

function page(){
let s=null;
try{const p=W.parent;if(p!==W&&p.quizgenScorm)s=p.quizgenScorm}catch(e){/* a frame of another origin: no session */}
if(!s)return;
W.quizgenStore={load:c=>s.load(c),save:(c,json)=>s.save(c,json)};
s.at(W.location.href);
const times={};// per question: the learner's first and last change to the answer
const touch=e=>{const li=e.target.closest&&e.target.closest('li.qz-q[data-qid]');if(!li)return;
const t=Date.now(),r=times[li.dataset.qid]||(times[li.dataset.qid]={first:t});r.last=t};
d.addEventListener('input',touch,true);d.addEventListener('change',touch,true);
d.addEventListener('quizgen:graded',e=>{const g=e.detail||{};s.graded(g,g.final?answered(g.quiz,times):[])})}

/* The questions of the quiz graded, as the page shows them after grading (data-done) with the answers of its data. */
function answered(quiz,times){
const sec=[...d.querySelectorAll('section.qz[data-quiz]')].find(x=>x.dataset.quiz===quiz);
if(!sec)return[];
let data={};try{data=JSON.parse(sec.querySelector('script.qz-data').textContent)}catch(e){}
const keys=li=>[...li.querySelectorAll('label.qz-opt[data-key]')].filter(l=>l.querySelector('input:checked')).map(l=>l.dataset.key).sort();
return[...sec.querySelectorAll('li.qz-q[data-qid]:not([hidden])')].filter(li=>li.dataset.type!=='open').map(li=>{
const id=li.dataset.qid,kind=li.dataset.type,a=(data[id]||{}).a||[],t=times[id];
let type='choice',response=keys(li).join(',').toLowerCase(),correct=[...a].sort().join(',').toLowerCase();
if(kind==='truefalse'){type='true-false';response=response.slice(0,1);correct=correct.slice(0,1)}
if(kind==='fill'){type='fill-in';response=[...li.querySelectorAll('input[data-blank]')].map(i=>i.value.trim()).join(',');
correct=a.map(b=>Array.isArray(b)?b[0]:b).join(',')}
return{id,type,response,correct,result:li.dataset.done==='right'?'correct':'wrong',latency:t?t.last-t.first:0}})}
})();
