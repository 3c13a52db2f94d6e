import { generateKeyPairSync } from "node:crypto";
import forge from "node-forge";
for (let i=0;i<3;i++){ let t=Date.now(); const k = generateKeyPairSync("rsa",{modulusLength:2048}); console.log("gen", Date.now()-t); t=Date.now();
const pem = k.publicKey.export({type:"spki",format:"pem"}).toString(); forge.pki.publicKeyFromPem(pem); console.log("parse", Date.now()-t);}
let t=Date.now(); generateKeyPairSync("ec",{namedCurve:"P-256"}); console.log("ec", Date.now()-t);
