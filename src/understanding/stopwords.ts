// English filler words that never decide what a question is about. Question words (how, when,
// can, why) are kept on purpose: "how long" and "can I" separate questions that share their nouns.
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from',
  'as', 'into', 'about', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does',
  'did', 'doing', 'done', 'i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'you',
  'your', 'yours', 'he', 'she', 'him', 'her', 'his', 'it', 'its', 'they', 'them', 'their', 'this',
  'that', 'these', 'those', 'there', 'here', 'so', 'then', 'just', 'very', 'really', 'also',
  'too', 'some', 'any', 'please', 'pls', 'plz', 'kindly', 'thanks', 'thank', 'hi', 'hello', 'hey',
  'dear', 'ok', 'okay', 'um', 'uh', 'well', 'actually', 'basically', 'guys', 'team', 'sir',
  'madam', 'would', 'could', 'should', 'shall', 'will', 'may', 'might', 'must', 'have', 'has',
  'had', 'having', 'get', 'got', 'gets', 'know', 'tell', 'let', 'want', 'wanna', 'need',
  'like', 'im', 'ive', 'id', 'ill', 'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wont',
  'if', 'whether', 'which', 'what', 'who', 'whom', 'one', 'all', 'something', 'anything', 'thing',
  'things', 'question', 'wondering', 'wonder', 'curious', 'quick', 'someone', 'anyone',
]);
