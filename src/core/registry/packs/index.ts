// Every pack's registry module, ComfyUI core first; a node type two packs define is taken from the first.
import packComfyanonymousComfyUI from "./comfyanonymous-comfyui";
import packGourieffComfyUIReActor from "./gourieff-comfyui-reactor";
import packNunchakuTechComfyUINunchaku from "./nunchaku-tech-comfyui-nunchaku";
import packKijaiComfyUIWanVideoWrapper from "./kijai-comfyui-wanvideowrapper";
import packCubiqComfyUIInstantID from "./cubiq-comfyui-instantid";
import packCubiqPuLIDComfyUI from "./cubiq-pulid-comfyui";
import packBalazikComfyUIPuLIDFlux from "./balazik-comfyui-pulid-flux";
import pack1038labComfyUIRMBG from "./1038lab-comfyui-rmbg";
import packAclyComfyuiInpaintNodes from "./acly-comfyui-inpaint-nodes";
import packAclyComfyuiToolingNodes from "./acly-comfyui-tooling-nodes";
import packFannovel16ComfyUIFrameInterpolation from "./fannovel16-comfyui-frame-interpolation";
import packFannovel16ComfyuiControlnetAux from "./fannovel16-comfyui-controlnet-aux";
import packKosinkadinkComfyUIAdvancedControlNet from "./kosinkadink-comfyui-advanced-controlnet";
import packKosinkadinkComfyUIAnimateDiffEvolved from "./kosinkadink-comfyui-animatediff-evolved";
import packLightricksComfyUILTXVideo from "./lightricks-comfyui-ltxvideo";
import packSuzie1ComfyUIComfyrollCustomNodes from "./suzie1-comfyui-comfyroll-customnodes";
import packWASasquatchWasNodeSuiteComfyui from "./wasasquatch-was-node-suite-comfyui";
import packXLabsAIXFluxComfyui from "./xlabs-ai-x-flux-comfyui";
import packAlexopusComfyUIImageSaver from "./alexopus-comfyui-image-saver";
import packChflame163ComfyUILayerStyleAdvance from "./chflame163-comfyui-layerstyle-advance";
import packCity96ComfyUIGGUF from "./city96-comfyui-gguf";
import packCity96ComfyUIExtraModels from "./city96-comfyui-extramodels";
import packComfyanonymousComfyUIBitsandbytesNF4 from "./comfyanonymous-comfyui-bitsandbytes-nf4";
import packCubiqComfyUIIPAdapterPlus from "./cubiq-comfyui-ipadapter-plus";
import packJags111EfficiencyNodesComfyui from "./jags111-efficiency-nodes-comfyui";
import packKijaiComfyUICogVideoXWrapper from "./kijai-comfyui-cogvideoxwrapper";
import packKijaiComfyUIDepthAnythingV2 from "./kijai-comfyui-depthanythingv2";
import packKijaiComfyUIFlorence2 from "./kijai-comfyui-florence2";
import packKijaiComfyUIHunyuanVideoWrapper from "./kijai-comfyui-hunyuanvideowrapper";
import packKijaiComfyUIKJNodes from "./kijai-comfyui-kjnodes";
import packKijaiComfyUIMMAudio from "./kijai-comfyui-mmaudio";
import packKijaiComfyUISUPIR from "./kijai-comfyui-supir";
import packKijaiComfyUISegmentAnything2 from "./kijai-comfyui-segment-anything-2";
import packLtdrdataComfyUIImpactPack from "./ltdrdata-comfyui-impact-pack";
import packLtdrdataComfyUIImpactSubpack from "./ltdrdata-comfyui-impact-subpack";
import packLtdrdataComfyUIInspirePack from "./ltdrdata-comfyui-inspire-pack";
import packMavRikFacerestoreCf from "./mav-rik-facerestore-cf";
import packPollockjjComfyUIMultiGPU from "./pollockjj-comfyui-multigpu";
import packPythongosssssComfyUICustomScripts from "./pythongosssss-comfyui-custom-scripts";
import packRgthreeRgthreeComfy from "./rgthree-rgthree-comfy";
import packSipherxyzComfyuiArtVenture from "./sipherxyz-comfyui-art-venture";
import packStoryiconComfyuiSegmentAnything from "./storyicon-comfyui-segment-anything";
import packWillmiaoComfyUILoraManager from "./willmiao-comfyui-lora-manager";
import packYolainComfyUIEasyUse from "./yolain-comfyui-easy-use";
import pack1038labComfyUIJoyCaption from "./1038lab-comfyui-joycaption";
import pack1038labComfyUIQwenVL from "./1038lab-comfyui-qwenvl";
import pack2kprComfyUIUltraPixel from "./2kpr-comfyui-ultrapixel";
import pack9nateDrakeComfyuiSecNodes from "./9nate-drake-comfyui-secnodes";
import packAHEKOTComfyUIVNCCS from "./ahekot-comfyui-vnccs";
import packAbdullahAlfarajComfyPhotoshopSD from "./abdullahalfaraj-comfy-photoshop-sd";
import packBennyKokComfyuiDeploy from "./bennykok-comfyui-deploy";
import packBobJohnson24ComfyUIFlux2INT8 from "./bobjohnson24-comfyui-flux2-int8";
import packCYCHENYUEComfyUIJanusPro from "./cy-chenyue-comfyui-janus-pro";
import packClownsharkBatwingRES4LYF from "./clownsharkbatwing-res4lyf";
import packEnemyxNetVibeVoiceComfyUI from "./enemyx-net-vibevoice-comfyui";
import packEvilBTComfyUISLKJoyCaptionTwo from "./evilbt-comfyui-slk-joy-caption-two";
import packHelloVisionComfyUIHelloMeme from "./hellovision-comfyui-hellomeme";
import packIamCreateAIRuyiModels from "./iamcreateai-ruyi-models";
import packIuvenisSapiensComfyUIQwen3VLInstruct from "./iuvenissapiens-comfyui-qwen3-vl-instruct";
import packMinusZoneAIComfyUIFluxExtMZ from "./minuszoneai-comfyui-fluxext-mz";
import packMinusZoneAIComfyUIKolorsMZ from "./minuszoneai-comfyui-kolors-mz";
import packMrForExampleComfyUI3DPack from "./mrforexample-comfyui-3d-pack";
import packNuked88ComfyUINNodes from "./nuked88-comfyui-n-nodes";
import packPowerHouseManComfyUIAdvancedLivePortrait from "./powerhouseman-comfyui-advancedliveportrait";
import packPozzettiAndreaComfyUIDepthAnythingV3 from "./pozzettiandrea-comfyui-depthanythingv3";
import packPozzettiAndreaComfyUISharp from "./pozzettiandrea-comfyui-sharp";
import packSeargeDPSeargeSDXL from "./seargedp-seargesdxl";
import packShakkerLabsComfyUIIPAdapterFlux from "./shakker-labs-comfyui-ipadapter-flux";
import packSuperBeastsAIComfyUISuperBeasts from "./superbeastsai-comfyui-superbeasts";
import packTTPlanetPigComfyuiTTPToolset from "./ttplanetpig-comfyui-ttp-toolset";
import packTencentQQGYLabComfyUIELLA from "./tencentqqgylab-comfyui-ella";
import packTinyTerraComfyUITinyterraNodes from "./tinyterra-comfyui-tinyterranodes";
import packZHOZHOZHOComfyUIAPISR from "./zho-zho-zho-comfyui-apisr";
import packZHOZHOZHOComfyUIInstantID from "./zho-zho-zho-comfyui-instantid";
import packZHOZHOZHOComfyUIPhotoMakerZHO from "./zho-zho-zho-comfyui-photomaker-zho";
import packZHOZHOZHOComfyUIYoloWorldEfficientSAM from "./zho-zho-zho-comfyui-yoloworld-efficientsam";
import packAigcAppsEasyAnimate from "./aigc-apps-easyanimate";
import packAigcAppsVideoXFun from "./aigc-apps-videox-fun";
import packAsagi4ComfyuiPromptControl from "./asagi4-comfyui-prompt-control";
import packBadjeffComfyuiLoraTagLoader from "./badjeff-comfyui-lora-tag-loader";
import packBillwuhaoComfyUIACEStep from "./billwuhao-comfyui-ace-step";
import packBillwuhaoComfyUIIndexTTS from "./billwuhao-comfyui-indextts";
import packBytedanceComfyUIHyperLoRA from "./bytedance-comfyui-hyperlora";
import packBytedanceComfyUIInfiniteYou from "./bytedance-comfyui-infiniteyou";
import packCalcuisGguf from "./calcuis-gguf";
import packCdbBoopComfyUIBringingOldPhotosBackToLife from "./cdb-boop-comfyui-bringing-old-photos-back-to-life";
import packChenpipi0807ComfyUIIndexTTS from "./chenpipi0807-comfyui-index-tts";
import packComfyanonymousComfyUITensorRT from "./comfyanonymous-comfyui-tensorrt";
import packCubiqComfyUIEssentials from "./cubiq-comfyui-essentials";
import packDiodiogodTTSAudioSuite from "./diodiogod-tts-audio-suite";
import packFlowtyoneComfyUIFlowtyLDSR from "./flowtyone-comfyui-flowty-ldsr";
import packFlowtyoneComfyUIFlowtyTripoSR from "./flowtyone-comfyui-flowty-triposr";
import packFrankchiengComfyUIMagicClothing from "./frankchieng-comfyui-magicclothing";
import packGirissComfyImageSaver from "./giriss-comfy-image-saver";
import packGokayfemComfyUIVLMNodes from "./gokayfem-comfyui-vlm-nodes";
import packHeshengtaoComfyuiLLMParty from "./heshengtao-comfyui-llm-party";
import packHuanngzhComfyUIMVAdapter from "./huanngzh-comfyui-mvadapter";
import packHuchenleiComfyUIOmost from "./huchenlei-comfyui-omost";
import packIdrirapComfyUILoraAutoTriggerWords from "./idrirap-comfyui-lora-auto-trigger-words";
import packIfAiComfyUIIFTrellis from "./if-ai-comfyui-if-trellis";
import packJiaxiangcComfyUIResAdapter from "./jiaxiangc-comfyui-resadapter";
import packJustUmenBjornulfCustomNodes from "./justumen-bjornulf-custom-nodes";
import packKijaiComfyUICCSR from "./kijai-comfyui-ccsr";
import packKijaiComfyUIDynamiCrafterWrapper from "./kijai-comfyui-dynamicrafterwrapper";
import packKijaiComfyUIFluxTrainer from "./kijai-comfyui-fluxtrainer";
import packKijaiComfyUIGIMMVFI from "./kijai-comfyui-gimm-vfi";
import packKijaiComfyUIICLight from "./kijai-comfyui-ic-light";
import packKijaiComfyUIKwaiKolorsWrapper from "./kijai-comfyui-kwaikolorswrapper";
import packKijaiComfyUILBMWrapper from "./kijai-comfyui-lbmwrapper";
import packKijaiComfyUIMarigold from "./kijai-comfyui-marigold";
import packKijaiComfyUIMelBandRoFormer from "./kijai-comfyui-melbandroformer";
import packKijaiComfyUIMimicMotionWrapper from "./kijai-comfyui-mimicmotionwrapper";
import packKijaiComfyUIPyramidFlowWrapper from "./kijai-comfyui-pyramidflowwrapper";
import packKohyaSsControlNetLLLiteComfyUI from "./kohya-ss-controlnet-lllite-comfyui";
import packLihaoyun6ComfyUIFlashVSRUltraFast from "./lihaoyun6-comfyui-flashvsr-ultra-fast";
import packLksAiComfyUIStableAudioSampler from "./lks-ai-comfyui-stableaudiosampler";
import packLldacingComfyUIBiRefNetLl from "./lldacing-comfyui-birefnet-ll";
import packMelMassComfyMtb from "./melmass-comfy-mtb";
import packNeverbiasuComfyUISAM2 from "./neverbiasu-comfyui-sam2";
import packNiknahComfyUIF5TTS from "./niknah-comfyui-f5-tts";
import packNosiuComfyuiInstantIdFaceswap from "./nosiu-comfyui-instantid-faceswap";
import packNullquantComfyUIBrushNet from "./nullquant-comfyui-brushnet";
import packNumzComfyUISeedVR2VideoUpscaler from "./numz-comfyui-seedvr2-videoupscaler";
import packPixaromaComfyUIPixaroma from "./pixaroma-comfyui-pixaroma";
import packPythongosssssComfyUIWD14Tagger from "./pythongosssss-comfyui-wd14-tagger";
import packRaindrop313ComfyUIWanVideoStartEndFrames from "./raindrop313-comfyui-wanvideostartendframes";
import packReceyukiComfyuiPromptReaderNode from "./receyuki-comfyui-prompt-reader-node";
import packShadowcz007ComfyuiMixlabNodes from "./shadowcz007-comfyui-mixlab-nodes";
import packShenduldhComfyUILightning from "./shenduldh-comfyui-lightning";
import packShiimizuComfyUIPhotoMakerPlus from "./shiimizu-comfyui-photomaker-plus";
import packSmthemexComfyUIDiffuEraser from "./smthemex-comfyui-diffueraser";
import packSmthemexComfyUIEchoMimic from "./smthemex-comfyui-echomimic";
import packSmthemexComfyUIFlashVSR from "./smthemex-comfyui-flashvsr";
import packSmthemexComfyUIInstantIRWrapper from "./smthemex-comfyui-instantir-wrapper";
import packSmthemexComfyUISonic from "./smthemex-comfyui-sonic";
import packSmthemexComfyUIStoryDiffusion from "./smthemex-comfyui-storydiffusion";
import packThecooltechguyComfyUIStableVideoDiffusion from "./thecooltechguy-comfyui-stable-video-diffusion";
import packUbisoftComfyUIChord from "./ubisoft-comfyui-chord";
import packUssoewwinComfyUIQwenImageLoraLoader from "./ussoewwin-comfyui-qwenimageloraloader";
import packVisualbrunoComfyUIHunyuan3d21 from "./visualbruno-comfyui-hunyuan3d-2-1";
import packVisualbrunoComfyUITrellis2 from "./visualbruno-comfyui-trellis2";
import packVuongminh1907ComfyUIZenID from "./vuongminh1907-comfyui-zenid";
import packWeilin9999WeiLinComfyuiTools from "./weilin9999-weilin-comfyui-tools";
import packWildminderComfyUIVibeVoice from "./wildminder-comfyui-vibevoice";
import packWildminderComfyUIVoxCPM from "./wildminder-comfyui-voxcpm";
import packWuwukakaComfyUIWanAnimatePlus from "./wuwukaka-comfyui-wananimateplus";
import packYolainComfyUIEasySam3 from "./yolain-comfyui-easy-sam3";
import packYuvraj108cComfyUIFLOAT from "./yuvraj108c-comfyui-float";
import packYuvraj108cComfyUIUpscalerTensorrt from "./yuvraj108c-comfyui-upscaler-tensorrt";
import packYuvraj108cComfyUIVideoDepthAnything from "./yuvraj108c-comfyui-video-depth-anything";
import packYuvraj108cComfyUIWhisper from "./yuvraj108c-comfyui-whisper";
import packYuvraj108cComfyUIInvSR from "./yuvraj108c-comfyui-invsr";
import packYvannBaComfyUIYvannNodes from "./yvann-ba-comfyui-yvann-nodes";
import type { PackRegistry } from "../spec";

export const PACKS: readonly PackRegistry[] = [
  packComfyanonymousComfyUI,
  packGourieffComfyUIReActor,
  packNunchakuTechComfyUINunchaku,
  packKijaiComfyUIWanVideoWrapper,
  packCubiqComfyUIInstantID,
  packCubiqPuLIDComfyUI,
  packBalazikComfyUIPuLIDFlux,
  pack1038labComfyUIRMBG,
  packAclyComfyuiInpaintNodes,
  packAclyComfyuiToolingNodes,
  packFannovel16ComfyUIFrameInterpolation,
  packFannovel16ComfyuiControlnetAux,
  packKosinkadinkComfyUIAdvancedControlNet,
  packKosinkadinkComfyUIAnimateDiffEvolved,
  packLightricksComfyUILTXVideo,
  packSuzie1ComfyUIComfyrollCustomNodes,
  packWASasquatchWasNodeSuiteComfyui,
  packXLabsAIXFluxComfyui,
  packAlexopusComfyUIImageSaver,
  packChflame163ComfyUILayerStyleAdvance,
  packCity96ComfyUIGGUF,
  packCity96ComfyUIExtraModels,
  packComfyanonymousComfyUIBitsandbytesNF4,
  packCubiqComfyUIIPAdapterPlus,
  packJags111EfficiencyNodesComfyui,
  packKijaiComfyUICogVideoXWrapper,
  packKijaiComfyUIDepthAnythingV2,
  packKijaiComfyUIFlorence2,
  packKijaiComfyUIHunyuanVideoWrapper,
  packKijaiComfyUIKJNodes,
  packKijaiComfyUIMMAudio,
  packKijaiComfyUISUPIR,
  packKijaiComfyUISegmentAnything2,
  packLtdrdataComfyUIImpactPack,
  packLtdrdataComfyUIImpactSubpack,
  packLtdrdataComfyUIInspirePack,
  packMavRikFacerestoreCf,
  packPollockjjComfyUIMultiGPU,
  packPythongosssssComfyUICustomScripts,
  packRgthreeRgthreeComfy,
  packSipherxyzComfyuiArtVenture,
  packStoryiconComfyuiSegmentAnything,
  packWillmiaoComfyUILoraManager,
  packYolainComfyUIEasyUse,
  pack1038labComfyUIJoyCaption,
  pack1038labComfyUIQwenVL,
  pack2kprComfyUIUltraPixel,
  pack9nateDrakeComfyuiSecNodes,
  packAHEKOTComfyUIVNCCS,
  packAbdullahAlfarajComfyPhotoshopSD,
  packBennyKokComfyuiDeploy,
  packBobJohnson24ComfyUIFlux2INT8,
  packCYCHENYUEComfyUIJanusPro,
  packClownsharkBatwingRES4LYF,
  packEnemyxNetVibeVoiceComfyUI,
  packEvilBTComfyUISLKJoyCaptionTwo,
  packHelloVisionComfyUIHelloMeme,
  packIamCreateAIRuyiModels,
  packIuvenisSapiensComfyUIQwen3VLInstruct,
  packMinusZoneAIComfyUIFluxExtMZ,
  packMinusZoneAIComfyUIKolorsMZ,
  packMrForExampleComfyUI3DPack,
  packNuked88ComfyUINNodes,
  packPowerHouseManComfyUIAdvancedLivePortrait,
  packPozzettiAndreaComfyUIDepthAnythingV3,
  packPozzettiAndreaComfyUISharp,
  packSeargeDPSeargeSDXL,
  packShakkerLabsComfyUIIPAdapterFlux,
  packSuperBeastsAIComfyUISuperBeasts,
  packTTPlanetPigComfyuiTTPToolset,
  packTencentQQGYLabComfyUIELLA,
  packTinyTerraComfyUITinyterraNodes,
  packZHOZHOZHOComfyUIAPISR,
  packZHOZHOZHOComfyUIInstantID,
  packZHOZHOZHOComfyUIPhotoMakerZHO,
  packZHOZHOZHOComfyUIYoloWorldEfficientSAM,
  packAigcAppsEasyAnimate,
  packAigcAppsVideoXFun,
  packAsagi4ComfyuiPromptControl,
  packBadjeffComfyuiLoraTagLoader,
  packBillwuhaoComfyUIACEStep,
  packBillwuhaoComfyUIIndexTTS,
  packBytedanceComfyUIHyperLoRA,
  packBytedanceComfyUIInfiniteYou,
  packCalcuisGguf,
  packCdbBoopComfyUIBringingOldPhotosBackToLife,
  packChenpipi0807ComfyUIIndexTTS,
  packComfyanonymousComfyUITensorRT,
  packCubiqComfyUIEssentials,
  packDiodiogodTTSAudioSuite,
  packFlowtyoneComfyUIFlowtyLDSR,
  packFlowtyoneComfyUIFlowtyTripoSR,
  packFrankchiengComfyUIMagicClothing,
  packGirissComfyImageSaver,
  packGokayfemComfyUIVLMNodes,
  packHeshengtaoComfyuiLLMParty,
  packHuanngzhComfyUIMVAdapter,
  packHuchenleiComfyUIOmost,
  packIdrirapComfyUILoraAutoTriggerWords,
  packIfAiComfyUIIFTrellis,
  packJiaxiangcComfyUIResAdapter,
  packJustUmenBjornulfCustomNodes,
  packKijaiComfyUICCSR,
  packKijaiComfyUIDynamiCrafterWrapper,
  packKijaiComfyUIFluxTrainer,
  packKijaiComfyUIGIMMVFI,
  packKijaiComfyUIICLight,
  packKijaiComfyUIKwaiKolorsWrapper,
  packKijaiComfyUILBMWrapper,
  packKijaiComfyUIMarigold,
  packKijaiComfyUIMelBandRoFormer,
  packKijaiComfyUIMimicMotionWrapper,
  packKijaiComfyUIPyramidFlowWrapper,
  packKohyaSsControlNetLLLiteComfyUI,
  packLihaoyun6ComfyUIFlashVSRUltraFast,
  packLksAiComfyUIStableAudioSampler,
  packLldacingComfyUIBiRefNetLl,
  packMelMassComfyMtb,
  packNeverbiasuComfyUISAM2,
  packNiknahComfyUIF5TTS,
  packNosiuComfyuiInstantIdFaceswap,
  packNullquantComfyUIBrushNet,
  packNumzComfyUISeedVR2VideoUpscaler,
  packPixaromaComfyUIPixaroma,
  packPythongosssssComfyUIWD14Tagger,
  packRaindrop313ComfyUIWanVideoStartEndFrames,
  packReceyukiComfyuiPromptReaderNode,
  packShadowcz007ComfyuiMixlabNodes,
  packShenduldhComfyUILightning,
  packShiimizuComfyUIPhotoMakerPlus,
  packSmthemexComfyUIDiffuEraser,
  packSmthemexComfyUIEchoMimic,
  packSmthemexComfyUIFlashVSR,
  packSmthemexComfyUIInstantIRWrapper,
  packSmthemexComfyUISonic,
  packSmthemexComfyUIStoryDiffusion,
  packThecooltechguyComfyUIStableVideoDiffusion,
  packUbisoftComfyUIChord,
  packUssoewwinComfyUIQwenImageLoraLoader,
  packVisualbrunoComfyUIHunyuan3d21,
  packVisualbrunoComfyUITrellis2,
  packVuongminh1907ComfyUIZenID,
  packWeilin9999WeiLinComfyuiTools,
  packWildminderComfyUIVibeVoice,
  packWildminderComfyUIVoxCPM,
  packWuwukakaComfyUIWanAnimatePlus,
  packYolainComfyUIEasySam3,
  packYuvraj108cComfyUIFLOAT,
  packYuvraj108cComfyUIUpscalerTensorrt,
  packYuvraj108cComfyUIVideoDepthAnything,
  packYuvraj108cComfyUIWhisper,
  packYuvraj108cComfyUIInvSR,
  packYvannBaComfyUIYvannNodes,
];
