/* quizgen quiz runtime: offline; text only via textContent */
(()=>{'use strict';
const d=document,W=window,LS='quizgen:',$=(s,e)=>(e||d).querySelector(s),$$=(s,e)=>[...(e||d).querySelectorAll(s)];
const el=(t,c,x)=>{const e=d.createElement(t);if(c)e.className=c;if(x!=null)e.textContent=x;return e};
// = quizgen.model.normalize_answer: NFKC, casefold, drop str.isspace and P*
const norm=s=>String(s).normalize('NFKC').replace(/[^ı]+/g,x=>x.toUpperCase().toLowerCase()).replace(/ß/g,'ss').replace(/ς/g,'σ').replace(/[\uab70-\uabbf\u13f8-\u13fd]/g,c=>c.toUpperCase())
.replace(/[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\p{P}]/gu,'');
const MSG={none:'浏览器不允许本地存储：练习照常进行，但进度不会被保存。',
bad:'本地保存的学习记录已损坏：练习照常进行，但进度不会被保存（可在“学习记录”页清除后重新开始）。',
full:'浏览器存储空间已满：练习照常进行，但进度没有保存。'};

/* progress: localStorage['quizgen:'+course], format in quizgen/sphinx/progress.py */
const DB={},blank=c=>({version:1,course:c,quizzes:{},mistakes:[]});
const valid=o=>!!o&&typeof o=='object'&&o.version===1&&!!o.quizzes&&typeof o.quizzes=='object'&&!Array.isArray(o.quizzes)
&&Array.isArray(o.mistakes)&&o.mistakes.every(x=>typeof x=='string')
&&Object.values(o.quizzes).every(r=>r&&typeof r.best=='number'&&typeof r.attempts=='number');
function db(c,fresh){
if(DB[c]&&!fresh)return DB[c];
const s=DB[c]={course:c,data:blank(c),err:''};let raw;
try{raw=W.localStorage.getItem(LS+c)}catch(e){s.err='none';return s}
if(raw==null)return s;
try{const o=JSON.parse(raw);if(valid(o)){s.data=o;return s}}catch(e){}
s.err='bad';return s}
function save(s){
if(!s.err)try{W.localStorage.setItem(LS+s.course,JSON.stringify(s.data))}catch(e){s.err='full'}
say(s)}
function say(s){for(const p of $$('.qz-store')){p.textContent=s.err?MSG[s.err]:'';p.hidden=!s.err}}

/* one quiz */
const typ=li=>li.dataset.type;
function answerOf(li){
const t=typ(li);
if(t=='fill')return $$('input[data-blank]',li).map(i=>i.value);
if(t=='open')return[$('textarea',li).value];
return $$('input:checked',li).map(i=>i.value)}
const blankAns=a=>a.every(v=>!v.trim());
function shuffle(li){
const box=$('.qz-opts',li),o=$$('.qz-opt',box);
for(let i=o.length-1;i>0;i--){const j=Math.floor(Math.random()*(i+1));[o[i],o[j]]=[o[j],o[i]]}
o.forEach((x,i)=>{box.appendChild(x);$('.qz-key',x).textContent=KEYS[i]+'.'})}
const KEYS='ABCDEFGH',two=n=>String(n).padStart(2,'0');

function Quiz(sec){
const key=sec.dataset.quiz,mode=sec.dataset.mode,book=!!sec.closest('.qz-book'),store=db(key.split('/')[0]);
const items=$$('.qz-q',sec),score=$('.qz-score',sec),timer=$('.qz-timer',sec),submit=$('.qz-submit',sec),list=$('.qz-list',sec);
let data={},live=items,done=false,tick=0,none;
try{data=JSON.parse($('.qz-data',sec).textContent)}catch(e){}
say(store);
const spec=li=>data[li.dataset.qid]||{a:[]},fits=(acc,v)=>(acc||[]).some(x=>norm(x)==norm(v));
const auto=()=>live.filter(li=>typ(li)!='open');
function grade(li){
const q=spec(li),a=answerOf(li);
return q.t=='fill'?a.every((v,i)=>fits(q.a[i],v)):a.slice().sort().join()==q.a.slice().sort().join()}
function show(li,ok,empty){
const q=spec(li),fb=$('.qz-fb',li),mark=(at,good,txt)=>at.after(el('span','qz-mark '+(good?'qz-ok':'qz-no'),txt));
li.dataset.done=ok==null?'open':ok?'right':'wrong';
$$('input,textarea,button',li).forEach(i=>{i.disabled=true});
for(const o of $$('.qz-opt',li)){
const on=$('input',o).checked,good=q.a.includes(o.dataset.key),f=q.fb&&q.fb[o.dataset.key];
if(good||on)o.append(el('span','qz-mark '+(good?'qz-ok':'qz-no'),good?(on?'✓ 选对了':'✓ 正确答案'):'✗ 选错了'));
if(f)o.append(el('span','qz-ofb',f))}
if(li.dataset.shuffle=='1')$('.qz-answer',li).lastChild.textContent=$$('.qz-opt',li).map((o,i)=>q.a.includes(o.dataset.key)?KEYS[i]:'').join('');
if(typ(li)=='fill')$$('input[data-blank]',li).forEach((inp,i)=>{
const good=fits(q.a[i],inp.value);inp.setAttribute('aria-invalid',!good);mark(inp,good,good?'✓ 对':'✗ 错')});
fb.className='qz-fb '+(ok==null?'qz-info':ok?'qz-right':'qz-wrong');
fb.textContent=ok==null?'请对照参考答案自评（简答题不计分）。':ok?'✓ 回答正确'+(book?'，本题已移出错题本。':'。'):(empty?'✗ 未作答':'✗ 回答错误')+'：正确答案、解析和原文提示见下方。';
$('.qz-after',li).hidden=false}
function reset(li){
delete li.dataset.done;
$$('.qz-mark,.qz-ofb',li).forEach(m=>m.remove());
$$('input,textarea,button',li).forEach(i=>{i.disabled=false;i.checked=false;if(i.type=='text'||i.tagName=='TEXTAREA')i.value='';i.removeAttribute('aria-invalid')});
const fb=$('.qz-fb',li);fb.className='qz-fb';fb.textContent='';
$('.qz-after',li).hidden=true;
if(li.dataset.shuffle=='1')shuffle(li)}
function summary(){
const a=auto(),n=a.filter(li=>li.dataset.done).length,r=a.filter(li=>li.dataset.done=='right').length,pct=a.length?Math.round(100*r/a.length):0,rec=store.data.quizzes[key];
let t=mode=='practice'?`已检查 ${n} / ${a.length} 题，答对 ${r} 题。`:'';
if(done){
t=`得分：答对 ${r} / ${a.length} 题（${pct}%）。`;
if(live.length>a.length)t+=`简答题 ${live.length-a.length} 道不计分，请对照参考答案自评。`;
if(rec&&!book)t+=`最好成绩 ${rec.best}%，已完成 ${rec.attempts} 次。`}
score.textContent=t;return pct}
function finish(){
if(done)return;
done=true;clearInterval(tick);submit.disabled=true;
const pct=summary();
if(!book&&auto().length){
const r=store.data.quizzes[key]||{best:0,attempts:0};
r.attempts++;r.best=Math.max(r.best,pct);r.last=pct;store.data.quizzes[key]=r;save(store)}
summary()}
function check(li,force){
const a=answerOf(li),empty=blankAns(a),open=typ(li)=='open';
if(empty&&!force){const fb=$('.qz-fb',li);fb.className='qz-fb qz-info';fb.textContent=open?'请先写下你的回答，再看参考答案。':'请先作答，再检查答案。';return}
const ok=open?null:!empty&&grade(li);
show(li,ok,empty);
if(!force){const fb=$('.qz-fb',li);fb.tabIndex=-1;fb.focus()}
if(!open&&!empty){const m=store.data.mistakes,i=m.indexOf(li.dataset.qid);if(ok&&i>=0)m.splice(i,1);if(!ok&&i<0)m.push(li.dataset.qid);save(store)}}
function submitAll(){live.forEach(li=>{if(!li.dataset.done)check(li,true)});finish()}
function start(){
list.before(timer);timer.hidden=false;
const m=/[?&]quiz-seconds=(\d+)/.exec(location.search),end=Date.now()+1e3*(m?+m[1]:+sec.dataset.seconds||60*(+sec.dataset.minutes||30));
let left,warned;
const draw=()=>{left=Math.max(0,Math.round((end-Date.now())/1e3));timer.textContent=`剩余时间 ${two(Math.floor(left/60))}:${two(left%60)}`};
draw();clearInterval(tick);
tick=setInterval(()=>{
draw();
if(left<=0){clearInterval(tick);submitAll();timer.textContent='时间到，已自动交卷。'}
else if(left<=60&&!warned){warned=1;score.textContent='还剩 1 分钟。'}},250)}
function begin(){
done=false;submit.disabled=false;clearInterval(tick);
if(book){
const w=new Set(store.data.mistakes);let n=0;
live=items.filter(li=>w.has(li.dataset.qid));
items.forEach(li=>{li.hidden=!w.has(li.dataset.qid);if(!li.hidden)$('.qz-num',li).textContent=`第 ${++n} 题`});
$('.qz-meta',sec).textContent=`错题 ${n} 道`;
if(!none){none=el('p','qz-empty','错题本是空的：在各课自测、测验和模拟考试中答错的题会自动收集到这里，答对后移出。');list.before(none)}
none.hidden=!!n}
items.forEach(reset);
const r=store.data.quizzes[key];
score.textContent=r&&!book?`上次为止最好成绩 ${r.best}%，已完成 ${r.attempts} 次。`:'';
if(mode=='exam')start()}
sec.classList.add('qz-on');
submit.hidden=mode=='practice';
items.forEach(li=>{const b=$('.qz-check',li);
if(mode!='practice')b.hidden=true;
else b.onclick=()=>{check(li);if(auto().every(x=>x.dataset.done))finish();else summary()}});
submit.onclick=submitAll;
$('.qz-retry',sec).onclick=()=>{begin();const f=$('.qz-q:not([hidden]) input,.qz-q:not([hidden]) textarea',sec);if(f)f.focus()};
begin()}

/* 学习记录: status, best score, bars; export, import, clear */
function Progress(box){
const c=box.dataset.course,msg=$('.qz-io-msg',box),note=t=>{msg.textContent=t};
let s=db(c);
function draw(){
say(s);
const q=s.data.quizzes,mods={};
for(const tr of $$('tr[data-quiz]',box)){
const r=q[tr.dataset.quiz],b=r?r.best:0,st=!r?'new':b>=80?'done':'tried';
tr.dataset.status=st;
$('.qz-st',tr).textContent={new:'未开始',tried:'已练习',done:'已掌握'}[st];
$('.qz-best',tr).textContent=r?`${b}%（${r.attempts} 次）`:'—';
(mods[tr.dataset.module]=mods[tr.dataset.module]||[]).push(b)}
for(const li of $$('[data-module-bar]',box)){
const v=mods[li.dataset.moduleBar]||[0],p=Math.round(v.reduce((x,y)=>x+y,0)/v.length);
$('.qz-fill',li).style.width=p+'%';$('.qz-val',li).textContent=p+'%';$('.qz-bar',li).setAttribute('aria-valuenow',p)}
$('.qz-nmist',box).textContent=s.data.mistakes.length}
$('.qz-export',box).onclick=()=>{
const a=el('a');
a.href=URL.createObjectURL(new Blob([JSON.stringify({...s.data,exported:new Date().toISOString()},null,1)],{type:'application/json'}));
a.download=`quizgen-${c}-学习记录.json`;d.body.append(a);a.click();a.remove();
setTimeout(()=>URL.revokeObjectURL(a.href),9999);note('学习记录已导出为 JSON 文件。')};
$('.qz-import',box).onchange=e=>{
const f=e.target.files[0];if(!f)return;
f.text().then(t=>{
const o=JSON.parse(t);delete o.exported;
if(!valid(o)||o.course!==c)throw 0;
s.err='';s.data=o;save(s);draw();
note(`已导入学习记录：${Object.keys(o.quizzes).length} 个自测，${o.mistakes.length} 道错题。`+(s.err?MSG[s.err]:''))
}).catch(()=>note('导入失败：所选文件不是本课程的学习记录。'));
e.target.value=''};
$('.qz-clear',box).onclick=()=>{
if(!W.confirm('确定清除本课程的全部学习记录和错题本吗？'))return;
try{W.localStorage.removeItem(LS+c)}catch(e){}
s=db(c,true);draw();note('学习记录已清除。')};
draw()}

// accessible names the theme and Sphinx leave out
function tidy(){
$$('summary').forEach(x=>{if(!x.textContent.trim())x.setAttribute('aria-label','展开或收起')});
$$('button[aria-label]').forEach(b=>{if(b.textContent.trim())b.removeAttribute('aria-label')});
$$('object.graphviz:not([aria-label])').forEach(o=>{const c=$('figcaption',o.closest('figure')||o);o.setAttribute('role','img');o.setAttribute('aria-label','示意图'+(c?'：'+c.textContent.trim():''))})}
const init=()=>{tidy();$$('section.qz[data-quiz]').forEach(Quiz);$$('.qz-progress[data-course]').forEach(Progress)};
W.quizgen={norm};
d.readyState=='loading'?d.addEventListener('DOMContentLoaded',init):init();
})();
